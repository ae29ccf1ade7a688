import type { BenchConfig } from '../config.js'
import { scenarioNames, type ScenarioResult } from '../scenarios/types.js'
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

/**
 * Each round starts a fresh server per target (fresh, so the memory scenario, which runs first,
 * measures a clean process), then drives the targets one at a time in rotated order.
 */
export async function runRounds(specs: readonly TargetSpec[], config: BenchConfig, log: (line: string) => void): Promise<RunLog> {
  const run: RunLog = { measurements: [], unavailable: new Map(), failures: [] }
  for (let round = 0; round < config.rounds; round++) {
    const servers: RunningServer[] = []
    for (const [i, started] of (await Promise.allSettled(specs.map(startServer))).entries()) {
      if (started.status === 'fulfilled') servers.push(started.value)
      else run.unavailable.set(specs[i]!.name, String((started.reason as Error).message))
    }
    for (const server of rotate(servers, round)) {
      const scenarios = scenarioNames.filter((s) => s !== 'typed' || server.spec.typed)
      const output = await runGenerator(server, scenarios, config)
      for (const result of output.results) run.measurements.push({ target: server.spec.name, round, result })
      for (const failure of output.failures) run.failures.push(`round ${round + 1} ${server.spec.name} ${failure.scenario}: ${failure.message}`)
      log(`round ${round + 1}/${config.rounds} ${server.spec.name}: ${output.results.length}/${scenarios.length} scenarios`)
      await server.stop()
    }
    await Promise.all(servers.map((s) => s.stop()))
  }
  return run
}
