import { Histogram } from './histogram.js'

/**
 * A closed-loop load held open against one server: `start` begins sending, `stop` ends sending
 * and resolves once everything in flight has arrived, so a load can be paused and resumed between
 * measurement windows without reconnecting (the interleaved mode alternates several servers' loads
 * inside one process). Replies count as ops, with latency, only while `counting` is on.
 */
export interface Load {
  counting: boolean
  readonly ops: number
  readonly errors: number
  readonly histogram: Histogram
  start(): void
  stop(): Promise<void>
  close(): Promise<void>
}

/** Shared bookkeeping for the loads: their shape, counting, ops, errors and the latency histogram. */
export abstract class CountingLoad<Shape> implements Load {
  counting = false
  ops = 0
  errors = 0
  readonly histogram = new Histogram()
  protected running = false
  protected readonly shape: Shape

  constructor(shape: Shape) {
    this.shape = shape
  }

  /** A reply that carries its send time: counted (with latency) if the window is open. */
  protected received(sentAt: unknown): void {
    if (typeof sentAt !== 'number') return void this.errors++
    if (!this.counting) return
    this.ops++
    this.histogram.record(performance.now() - sentAt)
  }

  abstract start(): void
  abstract stop(): Promise<void>
  abstract close(): Promise<void>
}

/**
 * Waits until `settled()` holds, polling; after `timeoutMs` gives up and returns false, so a
 * server that dropped something cannot hang the run (the caller writes the loss off as errors).
 */
export async function settle(settled: () => boolean, timeoutMs = 2000): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (!settled()) {
    if (performance.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  return true
}
