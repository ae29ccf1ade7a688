import type { CpuWindow } from '../load/proc.js'

export const scenarioNames = ['memory', 'handshake', 'echo', 'typed', 'fanout', 'request'] as const
export type ScenarioName = (typeof scenarioNames)[number]

/**
 * Fan-out in a room of another size than the default one (`fanout-500`, `fanout-5000`…): the same
 * load and route, reported and compared with raw as a scenario of its own (config `rooms`).
 */
export type RoomScenario = `fanout-${number}`
/** What a reported figure belongs to: a scenario, or one fan-out room size. */
export type ReportedScenario = ScenarioName | RoomScenario

export const roomScenario = (size: number): RoomScenario => `fanout-${size}`

/** The room scenarios among `names`, smallest room first. */
export function roomScenariosIn(names: Iterable<string>): RoomScenario[] {
  const rooms = new Set<RoomScenario>()
  for (const name of names) if (/^fanout-\d+$/.test(name)) rooms.add(name as RoomScenario)
  return [...rooms].sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)))
}

/** One scenario against one target in one round, as the load generator measured it. */
export interface ScenarioResult extends CpuWindow {
  readonly scenario: ReportedScenario
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
