import type { RunningServer } from '../runner/server.js'
import { runBunScript } from '../runner/spawn.js'
import { roomScenario, type ReportedScenario } from '../scenarios/types.js'
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
  /** The scenario, or the fan-out room size (`fanout-<size>`), its windows report. */
  readonly scenario: ReportedScenario
  readonly raw: string
  readonly slices: readonly Slice[]
}

export interface InterleavedLog {
  readonly runs: InterleavedRun[]
  readonly failures: string[]
}

const paths: Record<InterleavedScenario, string> = { echo: '/echo', typed: '/typed', fanout: '/fan', request: '/req' }
const pathOf = (scenario: InterleavedScenario): string => paths[scenario]

/** Request/response is compared with socket.io's `emitWithAck`, on Node: wsbridge's Node targets and socket.io. */
const servesRequests = (spec: RunningServer['spec']): boolean =>
  spec.runtime === 'node' && (spec.kind === 'wsbridge' || spec.protocol === 'socket.io')

/**
 * For each runtime, runs one interleaved generator per scenario against its raw server and every
 * selected target on it (see generator.ts), on the servers the rounds already warmed, then one per
 * fan-out room size and target (see `InterleavedSettings.rooms`). Runtimes run one after the
 * other; the other runtime's servers sit idle meanwhile.
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
      const members = servers.filter(
        (s) =>
          s !== rawServer &&
          rawOf(s.spec) === raw.name &&
          (scenario !== 'typed' || s.spec.typed) &&
          (scenario !== 'request' || servesRequests(s.spec)),
      )
      if (members.length === 0) continue
      const job: InterleavedJob = {
        scenario,
        // Raw serves plain echo in the typed and request scenarios: the same probes, its reference cost.
        raw: jobServer(rawServer, scenario === 'typed' || scenario === 'request' ? 'echo' : scenario),
        targets: members.map((s) => jobServer(s, scenario)),
        settings,
      }
      await runJob(job, scenario, result, log)
    }
    if (scenarios && !scenarios.includes('fanout')) continue
    const { fanout } = settings
    for (const size of settings.rooms) {
      // Bursts carry as many deliveries as in the default room, so each window drains as fast.
      const room = { subscribers: size, burst: Math.max(1, Math.round((fanout.burst * fanout.subscribers) / size)) }
      for (const member of servers.filter((s) => s !== rawServer && rawOf(s.spec) === raw.name)) {
        const job: InterleavedJob = {
          scenario: 'fanout',
          room: roomScenario(size),
          raw: jobServer(rawServer, 'fanout'),
          targets: [jobServer(member, 'fanout')],
          settings: { ...settings, fanout: room },
        }
        await runJob(job, roomScenario(size), result, log)
      }
    }
  }
  return result
}

async function runJob(job: InterleavedJob, scenario: ReportedScenario, result: InterleavedLog, log: (line: string) => void): Promise<void> {
  const started = performance.now()
  const raw = job.raw.name
  const slices = await runGenerator(job, (failure) => result.failures.push(`interleaved ${raw} ${scenario}: ${failure}`))
  result.runs.push({ scenario, raw, slices })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  log(`interleaved ${scenario} on ${raw} and ${job.targets.map((t) => t.name).join(', ')}: ${slices.length} windows in ${seconds} s`)
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
