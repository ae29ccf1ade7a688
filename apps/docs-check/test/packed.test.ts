import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { caseGroups } from '@wsbridge/conformance'
import { afterAll, describe, expect, it } from 'vitest'
import { type PackedPackage, packPackage, repoRoot } from '../src/packed/pack.js'
import { installProject, runProjectSuite, summaryLine, writeProject } from '../src/packed/project.js'

// A feature is done when it works from the packed packages, not only inside the repository. This
// is what a third party does: `pnpm pack` tarballs (built dist/, publishConfig applied) installed
// into a fresh project outside the repository, hosts in plain JavaScript run with plain `node` and `bun`,
// and the conformance suite run by that project's own vitest. It needs dist/ built first (turbo's
// `^build` does it; by hand: `pnpm --filter <package> build`).
const packageDirs = ['core', 'conformance', 'adapter-node-ws', 'adapter-bun'].map((name) => join(repoRoot, 'packages', name))
// A fast subset that still crosses every layer (routing, error frames, close codes, pub/sub, logged
// outcomes), in the suite's run order.
const groupNames = ['messaging', 'errors', 'closing', 'pubsub', 'outcomes']
const groups = caseGroups.filter((group) => groupNames.includes(group.name))
const expectedCases = groups.reduce((count, group) => count + group.cases.length, 0)
const SUITE_TIMEOUT = 150_000

describe('the packed packages', () => {
  const root = mkdtempSync(join(tmpdir(), 'wsbridge-packed-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('pass the conformance suite from a fresh project, with plain-JavaScript hosts on Node and Bun', async () => {
    expect(groups.map((group) => group.name)).toEqual(groupNames)

    const tarballs = join(root, 'tarballs')
    const project = join(root, 'project')
    mkdirSync(tarballs)
    mkdirSync(project)
    let started = performance.now()
    const packed: PackedPackage[] = []
    // One at a time: two cores, and pnpm pack is quick.
    for (const dir of packageDirs) packed.push(await packPackage(dir, tarballs))
    const packMs = performance.now() - started

    writeProject(project, packed)
    const install = await installProject(project)
    // The packages resolve to the installed tarballs, never back into the workspace.
    for (const { name } of packed) expect(realpathSync(join(project, 'node_modules', name))).not.toContain(repoRoot)

    started = performance.now()
    const run = await runProjectSuite(project, groupNames, SUITE_TIMEOUT)
    console.log(
      `packed packages: pack ${(packMs / 1000).toFixed(1)} s, install ${(install.ms / 1000).toFixed(1)} s (${install.mode}), suite ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
    const context = `the packed project's vitest printed:\n${run.output}`
    expect(summaryLine(run.output, 'packed'), context).toBe(`conformance packed: ${expectedCases} passed, 0 failed`)
    expect(summaryLine(run.output, 'packed-bun'), context).toBe(`conformance packed-bun: ${expectedCases} passed, 0 failed`)
    expect(run.code, context).toBe(0)
  }, 240_000)
})
