import type { BenchConfig } from '../config.js'
import type { GeneratorJob } from '../load/generator.js'
import type { ScenarioName, ScenarioResult } from '../scenarios/types.js'
import type { RunningServer } from './server.js'
import { runBunScript } from './spawn.js'

export interface GeneratorOutput {
  readonly results: ScenarioResult[]
  readonly failures: { scenario: ScenarioName; message: string }[]
}

/** Runs the Bun load generator against one server for the given scenarios. */
export async function runGenerator(
  server: RunningServer,
  scenarios: readonly ScenarioName[],
  config: BenchConfig,
): Promise<GeneratorOutput> {
  const job: GeneratorJob = { origin: server.origin, serverPid: server.pid, protocol: server.spec.protocol, scenarios, config }
  const output: GeneratorOutput = { results: [], failures: [] }
  const exit = await runBunScript(
    'load/generator.ts',
    job,
    (line) => {
      if (line.startsWith('RESULT ')) output.results.push(JSON.parse(line.slice(7)) as ScenarioResult)
      else if (line.startsWith('FAILED ')) output.failures.push(JSON.parse(line.slice(7)) as GeneratorOutput['failures'][number])
    },
    300_000,
  )
  if (exit.code !== 0)
    output.failures.push({
      scenario: scenarios[output.results.length] ?? 'echo',
      message: `generator exited ${exit.code}: ${exit.stderr.slice(-300)}`,
    })
  return output
}
