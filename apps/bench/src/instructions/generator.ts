/**
 * Bun entry: the bench's load generator (load/generator.ts, unchanged) with commands run at the
 * edges of each counted window — vgdb instrumenting, zeroing and dumping the server.
 * Arguments: the generator's job (JSON), then EdgeCommands (JSON).
 *
 * Warm-up: after the scenario's own (wall-clock) warm-up, the window waits until the server has
 * used `warmCpuMs` of CPU since this process started. V8 and JSC tier code up by how often it runs,
 * and the CPU a server got is a measure of how much it ran that a busy machine does not stretch.
 *
 * At each edge the generator stops (the commands run synchronously, so no reply is handled or
 * counted meanwhile), waits until the server has finished what is in flight, then runs the
 * commands. Replies to the messages in flight at the opening are counted but were served before
 * the zero; those in flight at the closing were served before the dump but arrive after counting
 * stops. With the same number in flight at both edges (echo: always clients × depth) the two cancel.
 */
import { execFileSync } from 'node:child_process'
import type { GeneratorJob } from '../load/generator.js'
import { cpuMs, onWindowEdges } from '../load/proc.js'

export interface EdgeCommands {
  readonly warmCpuMs: number
  readonly open: readonly (readonly string[])[]
  readonly close: readonly (readonly string[])[]
}

const job = JSON.parse(process.argv[2] ?? '') as GeneratorJob
const edges = JSON.parse(process.argv[3] ?? '') as EdgeCommands
const startedAt = performance.now()
const cpuAtStart = cpuMs(job.serverPid)

const pause = new Int32Array(new SharedArrayBuffer(4))
const sleepSync = (ms: number): void => void Atomics.wait(pause, 0, 0, ms)

/**
 * Blocks until the server has used under 1 ms of CPU in 20 ms (at most 2 s: an edge longer than
 * 1 s trips fan-out's no-progress watchdog, which writes deliveries off and publishes again).
 */
function waitUntilIdle(): void {
  const deadline = performance.now() + 2_000
  let last = cpuMs(job.serverPid)
  while (performance.now() < deadline) {
    sleepSync(20)
    const now = cpuMs(job.serverPid)
    if (now - last < 1) return
    last = now
  }
}

async function warm(): Promise<void> {
  while (cpuMs(job.serverPid) - cpuAtStart < edges.warmCpuMs) await new Promise((resolve) => setTimeout(resolve, 50))
}

/** Runs one edge; reports how long the generator stood still and when, since it started (`EDGE <name> <ms> <at ms>`). */
const run = (name: string, commands: EdgeCommands['open']): void => {
  const started = performance.now()
  waitUntilIdle()
  for (const [file, ...args] of commands) execFileSync(file!, args, { stdio: ['ignore', 'ignore', 'inherit'], timeout: 60_000 })
  process.stdout.write(`EDGE ${name} ${Math.round(performance.now() - started)} ${Math.round(performance.now() - startedAt)}\n`)
}
onWindowEdges({ warm, open: () => run('open', edges.open), close: () => run('close', edges.close) })
// Imported after the edges are set: the generator starts its job as it loads.
await import('../load/generator.js')
