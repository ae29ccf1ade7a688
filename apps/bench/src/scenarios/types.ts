import type { CpuWindow } from '../load/proc.js'

export const scenarioNames = ['memory', 'handshake', 'echo', 'typed', 'fanout'] as const
export type ScenarioName = (typeof scenarioNames)[number]

/** One scenario against one target in one round, as the load generator measured it. */
export interface ScenarioResult extends CpuWindow {
  readonly scenario: ScenarioName
  /** Messages echoed, deliveries, handshakes, or idle connections held (memory). */
  readonly ops: number
  readonly p50Ms?: number
  readonly p99Ms?: number
  /** Memory scenario: server RSS growth divided by connections. */
  readonly bytesPerConnection?: number
  /**
   * Memory scenario: growth of the server's live JS heap after a forced GC, divided by
   * connections: the objects a connection keeps, without what the allocator holds on to.
   */
  readonly heapBytesPerConnection?: number
  /** Error frames, failed handshakes or lost deliveries: anything but the expected reply. */
  readonly errors: number
}
