import type { RunningServer } from '../runner/server.js'
import { runBunScript } from '../runner/spawn.js'
import { rawOf } from '../targets/registry.js'
import {
  interleavedScenarios,
  type InterleavedJob,
  type InterleavedScenario,
  type InterleavedSettings,
  type JobServer,
  type Slice,
} from './job.js'

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
 * For each runtime, runs one interleaved generator per scenario against its raw server and every
 * selected target on it (see generator.ts), on the servers the rounds already warmed. Runtimes run
 * one after the other; the other runtime's servers sit idle meanwhile.
 */
export async function runInterleaved(
  servers: readonly RunningServer[],
  settings: InterleavedSettings,
  scenarios: readonly string[] | undefined,
  log: (line: string) => void,
): Promise<InterleavedLog> {
  const result: InterleavedLog = { runs: [], failures: [] }
  for (const rawServer of servers.filter((s) => s.spec.kind === 'raw')) {
    const raw = rawServer.spec
    for (const scenario of interleavedScenarios) {
      if (scenarios && !scenarios.includes(scenario)) continue
      const members = servers.filter((s) => s !== rawServer && rawOf(s.spec) === raw.name && (scenario !== 'typed' || s.spec.typed))
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
      log(
        `interleaved ${scenario} on ${raw.name} and ${members.length} targets: ${slices.length} windows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      )
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
  const exit = await runBunScript(
    'interleaved/generator.ts',
    job,
    (line) => void (line.startsWith('SLICE ') && slices.push(JSON.parse(line.slice(6)) as Slice)),
    900_000,
  )
  if (exit.code !== 0) fail(`generator exited ${exit.code}: ${exit.stderr.slice(-300)}`)
  return slices
}
