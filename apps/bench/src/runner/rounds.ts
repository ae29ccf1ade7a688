import type { BenchConfig } from '../config.js'
import { scenarioNames, type ScenarioName, type ScenarioResult } from '../scenarios/types.js'
import type { TargetSpec } from '../targets/registry.js'
import { runGenerator } from './generator.js'
import { startServer, type RunningServer } from './server.js'

export interface Measurement {
  readonly target: string
  readonly round: number
  readonly result: ScenarioResult
}

export interface RunLog {
  readonly measurements: Measurement[]
  readonly failures: string[]
}

/** Rotates the order every round so no target always runs first (or always right after another). */
const rotate = <T>(items: readonly T[], by: number): T[] => items.map((_, i) => items[(i + by) % items.length]!)
const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`

/**
 * The scenarios measured in rounds: idle memory and handshakes. The CPU-per-op scenarios (echo,
 * typed, fan-out) are measured in interleaved windows instead (../interleaved).
 */
const roundScenarios: readonly ScenarioName[] = ['memory', 'handshake']

/**
 * Every target's server is started once (by the caller) and serves every round; rounds drive the
 * targets one at a time in rotated order. Idle memory is read on a process whose only connections
 * so far are the scenario's own baseline (memory freed by earlier sockets would be reused by the
 * measured ones), so it runs first on the fresh server in round 1, and on a freshly spawned server
 * in later rounds (unless config.firstRoundOnly lists it).
 */
export async function runRounds(servers: readonly RunningServer[], config: BenchConfig, log: (line: string) => void): Promise<RunLog> {
  const run: RunLog = { measurements: [], failures: [] }
  const drive = async (server: RunningServer, round: number, scenarios: readonly ScenarioName[]): Promise<void> => {
    const output = await runGenerator(server, scenarios, config)
    for (const result of output.results) run.measurements.push({ target: server.spec.name, round, result })
    for (const failure of output.failures)
      run.failures.push(`round ${round + 1} ${server.spec.name} ${failure.scenario}: ${failure.message}`)
  }

  for (let round = 0; round < config.rounds; round++) {
    for (const server of rotate(servers, round)) {
      const runStarted = performance.now()
      const skipped = (s: ScenarioName): boolean =>
        !(roundScenarios as readonly string[]).includes(s) ||
        (config.scenarios !== undefined && !config.scenarios.includes(s)) ||
        (round > 0 && (config.firstRoundOnly as readonly string[]).includes(s))
      const scenarios = scenarioNames.filter((s) => s !== 'memory' && !skipped(s))
      if (round === 0) await drive(server, round, skipped('memory') ? scenarios : ['memory', ...scenarios])
      else {
        if (!skipped('memory')) await driveFresh(server.spec, round, drive, run)
        await drive(server, round, scenarios)
      }
      log(`round ${round + 1}/${config.rounds} ${server.spec.name} done in ${seconds(runStarted)}`)
    }
  }
  return run
}

/** Starts every target's server; the ones that cannot start are listed with the reason. */
export async function startAll(
  specs: readonly TargetSpec[],
  log: (line: string) => void,
): Promise<{ servers: RunningServer[]; unavailable: Map<string, string> }> {
  const startedAt = performance.now()
  const servers: RunningServer[] = []
  const unavailable = new Map<string, string>()
  for (const [i, started] of (await Promise.allSettled(specs.map(startServer))).entries()) {
    if (started.status === 'fulfilled') servers.push(started.value)
    else unavailable.set(specs[i]!.name, String((started.reason as Error).message))
  }
  log(`${servers.length} servers up in ${seconds(startedAt)}`)
  return { servers, unavailable }
}

/** The memory scenario on a server spawned just for it. */
async function driveFresh(
  spec: TargetSpec,
  round: number,
  drive: (s: RunningServer, round: number, scenarios: readonly ScenarioName[]) => Promise<void>,
  run: RunLog,
): Promise<void> {
  let fresh: RunningServer | undefined
  try {
    fresh = await startServer(spec)
    await drive(fresh, round, ['memory'])
  } catch (error) {
    run.failures.push(`round ${round + 1} ${spec.name} memory: ${String(error)}`)
  } finally {
    await fresh?.stop()
  }
}
