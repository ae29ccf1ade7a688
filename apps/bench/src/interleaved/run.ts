import { startServer, type RunningServer } from '../runner/server.js'
import { runBunScript } from '../runner/spawn.js'
import { rawOf, type TargetSpec } from '../targets/registry.js'
import { interleavedScenarios, type InterleavedJob, type InterleavedScenario, type InterleavedSettings, type JobServer, type Slice } from './job.js'

export interface InterleavedRun {
  readonly scenario: InterleavedScenario
  readonly raw: string
  readonly slices: readonly Slice[]
}

export interface InterleavedLog {
  readonly runs: InterleavedRun[]
  readonly failures: string[]
}

const pathOf = (scenario: InterleavedScenario): string => (scenario === 'fanout' ? '/fan' : scenario === 'typed' ? '/typed' : '/echo')

/**
 * For each runtime, starts its raw server and the selected targets, then runs one interleaved
 * generator per scenario against all of them (see generator.ts). Runtimes run one after the other,
 * so only one group of servers is up at a time.
 */
export async function runInterleaved(specs: readonly TargetSpec[], settings: InterleavedSettings, scenarios: readonly string[] | undefined, log: (line: string) => void): Promise<InterleavedLog> {
  const result: InterleavedLog = { runs: [], failures: [] }
  const raws = specs.filter((s) => s.kind === 'raw')
  for (const raw of raws) {
    const group = specs.filter((s) => s !== raw && rawOf(s) === raw.name)
    if (group.length === 0) continue
    const servers: RunningServer[] = []
    try {
      for (const started of await Promise.allSettled([raw, ...group].map(startServer))) {
        if (started.status === 'fulfilled') servers.push(started.value)
        else result.failures.push(`interleaved: ${String((started.reason as Error).message).slice(0, 200)}`)
      }
      const rawServer = servers.find((s) => s.spec === raw)
      if (!rawServer) continue
      for (const scenario of interleavedScenarios) {
        if (scenarios && !scenarios.includes(scenario)) continue
        const members = servers.filter((s) => s !== rawServer && (scenario !== 'typed' || s.spec.typed))
        if (members.length === 0) continue
        const started = performance.now()
        const job: InterleavedJob = {
          scenario,
          raw: jobServer(rawServer, scenario === 'typed' ? 'echo' : scenario),
          targets: members.map((s) => jobServer(s, scenario)),
          settings,
        }
        const slices = await runGenerator(job, (failure) => result.failures.push(`interleaved ${raw.name} ${scenario}: ${failure}`))
        result.runs.push({ scenario, raw: raw.name, slices })
        log(`interleaved ${scenario} on ${raw.name} and ${members.length} targets: ${slices.length} windows in ${((performance.now() - started) / 1000).toFixed(1)} s`)
      }
    } finally {
      await Promise.all(servers.map((s) => s.stop()))
    }
  }
  return result
}

const jobServer = (server: RunningServer, scenario: InterleavedScenario): JobServer => ({
  name: server.spec.name,
  origin: server.origin,
  pid: server.pid,
  protocol: server.spec.protocol,
  path: pathOf(scenario),
})

async function runGenerator(job: InterleavedJob, fail: (why: string) => void): Promise<Slice[]> {
  const slices: Slice[] = []
  const exit = await runBunScript('interleaved/generator.ts', job, (line) => void (line.startsWith('SLICE ') && slices.push(JSON.parse(line.slice(6)) as Slice)), 900_000)
  if (exit.code !== 0) fail(`generator exited ${exit.code}: ${exit.stderr.slice(-300)}`)
  return slices
}
