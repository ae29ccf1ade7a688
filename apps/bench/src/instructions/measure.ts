import { join } from 'node:path'
import { fullConfig, type BenchConfig } from '../config.js'
import type { GeneratorJob } from '../load/generator.js'
import { startServerWith } from '../runner/server.js'
import { benchDir, bunBinary, onLines, spawnWithFds, tailStderr } from '../runner/spawn.js'
import type { ScenarioResult } from '../scenarios/types.js'
import type { CountedSpec, InstructionScenario, InstructionSettings } from './settings.js'
import type { BuildSnapshot } from './snapshot.js'
import { dumps, isV8Compiler, readDump, runtimeSetups, valgrindCommand, windowEdges } from './valgrind.js'

/** One counted window: what the server executed in it and the ops the generator counted. */
export interface InstructionCount {
  readonly target: string
  readonly scenario: InstructionScenario
  readonly run: number
  readonly instructions: number
  /** Instructions in V8's compilers and deoptimizer (NaN on Bun, whose binary has no symbols). */
  readonly compiler: number
  readonly ops: number
  readonly errors: number
  /** How long the generator stood still at the window's edges, ms (see generator.ts). */
  readonly edgeMs: readonly number[]
  /** When the window closed, ms after the generator started (compare settings.windowDeadlineMs). */
  readonly windowEndMs: number
}

/**
 * Instructions per op without V8's compiler: compiling is one-off work (a function tiers up once),
 * which a long-running server spreads over millions of messages and a 10 s window does not — e.g.
 * wsbridge's once-a-second sweep loop reaches the optimizing compiler ~10 s and ~20 s after
 * start, whatever the load, and about one fan-out window in four had a burst of recompiling (4%)
 * that moved its whole count by 4% and this one by 0.2%. Bun's count is whole (its binary has no
 * symbols to tell).
 */
export const perOp = (count: InstructionCount): number =>
  count.ops > 0 ? (count.instructions - (Number.isFinite(count.compiler) ? count.compiler : 0)) / count.ops : Number.NaN

/**
 * Starts `spec` under callgrind, runs one scenario on it with the bench's load generator (which
 * instruments, zeroes and dumps at the edges of its counted window), stops it and reads the dump.
 * A fresh server per scenario: a count does not depend on which scenarios ran before it.
 */
export async function countScenario(
  spec: CountedSpec,
  scenario: InstructionScenario,
  run: number,
  settings: InstructionSettings,
  build: BuildSnapshot,
  dumpDir: string,
): Promise<InstructionCount> {
  const setup = runtimeSetups[spec.runtime]
  const outFile = join(dumpDir, `${spec.name}.${scenario}.${run}.callgrind`)
  // Node takes ~4 s to start under valgrind without instrumentation; minutes leave room for a busy machine.
  const server = await startServerWith(spec, {
    wrap: (command) => valgrindCommand(setup, scenario === 'fanout', outFile, build.redirect(spec, command)),
    readyTimeoutMs: 180_000,
  })
  try {
    const config: BenchConfig = { ...fullConfig, echo: settings.echo, fanout: settings.fanout }
    const job: GeneratorJob = { origin: server.origin, serverPid: server.pid, protocol: spec.protocol, scenarios: [scenario], config }
    const { result, edgeMs, windowEndMs } = await runGenerator(
      job,
      windowEdges(server.pid, settings.warmCpuMs[spec.runtime][scenario === 'fanout' ? 'fanout' : 'echo']),
    )
    const written = dumps(outFile)
    if (written.length !== 1) throw new Error(`${spec.name} ${scenario}: expected one dump, found ${written.length}`)
    const dump = readDump(written[0]!, isV8Compiler)
    return {
      target: spec.name,
      scenario,
      run,
      instructions: dump.instructions,
      compiler: spec.runtime === 'node' ? dump.compiler : Number.NaN,
      ops: result.ops,
      errors: result.errors,
      edgeMs,
      windowEndMs,
    }
  } finally {
    await server.stop()
  }
}

/** instructions/generator.ts: the bench's generator with the window edges set. */
async function runGenerator(
  job: GeneratorJob,
  edges: ReturnType<typeof windowEdges>,
): Promise<{ result: ScenarioResult; edgeMs: number[]; windowEndMs: number }> {
  const child = spawnWithFds([bunBinary, join(benchDir, 'src', 'instructions', 'generator.ts'), JSON.stringify(job), JSON.stringify(edges)])
  const stderr = tailStderr(child)
  let result: ScenarioResult | undefined
  let failure = ''
  const edgeMs: number[] = []
  let windowEndMs = Number.NaN
  onLines(child, (line) => {
    if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as ScenarioResult
    else if (line.startsWith('EDGE ')) {
      const [, edge, ms, at] = line.split(' ')
      edgeMs.push(Number(ms))
      if (edge === 'close') windowEndMs = Number(at)
    } else if (line.startsWith('FAILED ')) failure = line.slice(7)
  })
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000)
    child.once('exit', (exitCode) => {
      clearTimeout(timer)
      resolve(exitCode)
    })
  })
  if (!result || code !== 0) throw new Error(`generator exited ${code}: ${failure} ${stderr().slice(-300)}`)
  return { result, edgeMs, windowEndMs }
}
