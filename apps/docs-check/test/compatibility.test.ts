import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { conformanceCases, type HostReport } from '@wsbridge/conformance'
import { describe, expect, it } from 'vitest'
import { committedSection, renderCompatibility, runs } from '../src/compatibility.js'
import { hostProfiles } from '../src/hosts.js'

// docs/compatibility.md is generated from the suite's own case catalogue; edit hosts.ts or the
// suite, then run `pnpm --filter @wsbridge/docs-check compat`.
describe('docs/compatibility.md', () => {
  it('matches the table generated from the conformance suite', () => {
    const generated = renderCompatibility(conformanceCases, hostProfiles)
    expect(committedSection(), 'run `pnpm --filter @wsbridge/docs-check compat` and commit docs/compatibility.md').toBe(generated)
  })

  it('lists every case of the suite, each exactly once', () => {
    const section = committedSection() ?? ''
    const keys = conformanceCases.map((c) => `${c.group}\u0000${c.name}`)
    expect(new Set(keys).size).toBe(keys.length)
    for (const c of conformanceCases) expect(section).toContain(`| ${c.group} | ${c.name.replace(/\|/g, '\\|')} |`)
  })

  // When a CI run wrote the suite's reports, the table must agree with what really ran on each host.
  const reportDir = process.env['WSBRIDGE_CONFORMANCE_REPORT']
  const reports: HostReport[] =
    reportDir && existsSync(reportDir)
      ? readdirSync(reportDir)
          .filter((file) => file.endsWith('.json'))
          .map((file) => JSON.parse(readFileSync(join(reportDir, file), 'utf8')) as HostReport)
      : []

  it.skipIf(reports.length === 0).each(reports.map((report) => [report.host, report] as const))(
    'agrees with the %s run',
    (_name, report) => {
      const profile = hostProfiles.find((host) => host.name === report.host)
      expect(profile, `add ${report.host} to apps/docs-check/src/hosts.ts`).toBeDefined()
      expect(report.capabilities).toEqual(profile!.capabilities)
      for (const c of conformanceCases) {
        const result = report.results.find((r) => r.group === c.group && r.name === c.name)
        expect(result?.status, `${report.host}: ${c.group} / ${c.name}`).toBe(runs(c, profile!) ? 'passed' : 'skipped')
      }
    },
  )
})
