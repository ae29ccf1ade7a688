import { join } from 'node:path'
import type { BenchConfig } from '../config.js'
import type { GeneratorJob } from '../load/generator.js'
import type { ScenarioName, ScenarioResult } from '../scenarios/types.js'
import type { RunningServer } from './server.js'
import { benchDir, bunBinary, onLines, spawnWithFds, tailStderr } from './spawn.js'

export interface GeneratorOutput {
  readonly results: ScenarioResult[]
  readonly failures: { scenario: ScenarioName; message: string }[]
}

/** Runs the Bun load generator against one server for the given scenarios. */
export function runGenerator(server: RunningServer, scenarios: readonly ScenarioName[], config: BenchConfig): Promise<GeneratorOutput> {
  const job: GeneratorJob = { origin: server.origin, serverPid: server.pid, protocol: server.spec.protocol, scenarios, config }
  const child = spawnWithFds([bunBinary, join(benchDir, 'src', 'load', 'generator.ts'), JSON.stringify(job)])
  const stderr = tailStderr(child)
  const output: GeneratorOutput = { results: [], failures: [] }
  onLines(child, (line) => {
    if (line.startsWith('RESULT ')) output.results.push(JSON.parse(line.slice(7)) as ScenarioResult)
    else if (line.startsWith('FAILED ')) output.failures.push(JSON.parse(line.slice(7)) as GeneratorOutput['failures'][number])
  })
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000)
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (code !== 0) output.failures.push({ scenario: scenarios[output.results.length] ?? 'echo', message: `generator exited ${code}: ${stderr().slice(-300)}` })
      resolve(output)
    })
  })
}
