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
  /** Targets that could not start (e.g. an adapter not written yet), with the reason. */
  readonly unavailable: Map<string, string>
  readonly failures: string[]
}

/** Rotates the order every round so no target always runs first (or always right after another). */
const rotate = <T>(items: readonly T[], by: number): T[] => items.map((_, i) => items[(i + by) % items.length]!)
const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`

/**
 * Every target's server starts once and serves every round; rounds drive the targets one at a time
 * in rotated order. Idle memory needs a process that has never held a connection, so it runs first
 * on the fresh server in round 1, and on a freshly spawned server in later rounds (unless
 * config.firstRoundOnly lists it).
 */
export async function runRounds(specs: readonly TargetSpec[], config: BenchConfig, log: (line: string) => void): Promise<RunLog> {
  const run: RunLog = { measurements: [], unavailable: new Map(), failures: [] }
  const startedAt = performance.now()
  const servers: RunningServer[] = []
  for (const [i, started] of (await Promise.allSettled(specs.map(startServer))).entries()) {
    if (started.status === 'fulfilled') servers.push(started.value)
    else run.unavailable.set(specs[i]!.name, String((started.reason as Error).message))
  }
  log(`${servers.length} servers up in ${seconds(startedAt)}`)

  const drive = async (server: RunningServer, round: number, scenarios: readonly ScenarioName[]): Promise<void> => {
    const output = await runGenerator(server, scenarios, config)
    for (const result of output.results) run.measurements.push({ target: server.spec.name, round, result })
    for (const failure of output.failures) run.failures.push(`round ${round + 1} ${server.spec.name} ${failure.scenario}: ${failure.message}`)
  }

  try {
    for (let round = 0; round < config.rounds; round++) {
      for (const server of rotate(servers, round)) {
        const runStarted = performance.now()
        const skipped = (s: ScenarioName): boolean =>
          (s === 'typed' && !server.spec.typed) ||
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
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
  }
  return run
}

/** The memory scenario on a server spawned just for it. */
async function driveFresh(spec: TargetSpec, round: number, drive: (s: RunningServer, round: number, scenarios: readonly ScenarioName[]) => Promise<void>, run: RunLog): Promise<void> {
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
