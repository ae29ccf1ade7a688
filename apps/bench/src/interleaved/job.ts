import type { RoomScenario, ScenarioResult } from '../scenarios/types.js'
import type { EchoShape } from '../load/echo-load.js'
import type { FanoutShape } from '../load/fanout-load.js'

/** The scenarios whose figure is server CPU per op, which the interleaved mode measures. */
export const interleavedScenarios = ['echo', 'typed', 'fanout', 'request'] as const
export type InterleavedScenario = (typeof interleavedScenarios)[number]

export interface InterleavedSettings {
  /** Blocks per scenario; each block gives every target one window next to raw windows. */
  readonly blocks: number
  /** Unmeasured load on each server before the first block, so every JIT is warm. */
  readonly warmPassMs: number
  /** Load before each window opens (the closed loop reaches its steady state). */
  readonly warmupMs: number
  readonly windowMs: number
  readonly echo: EchoShape
  readonly fanout: FanoutShape
  /**
   * Fan-out room sizes measured besides `fanout.subscribers`, each reported as `fanout-<size>`. A
   * room is measured one target at a time next to raw (two loads of up to 5,000 sockets, within
   * the open-file limit), with bursts scaled so a burst carries as many deliveries as the default room's.
   */
  readonly rooms: readonly number[]
}

export interface JobServer {
  readonly name: string
  readonly origin: string
  readonly pid: number
  readonly protocol: 'websocket' | 'socket.io'
  /** /echo, /typed or /fan: the raw server serves /echo in the typed scenario. */
  readonly path: string
}

/** One generator process: one scenario, the raw server first, then the targets it is compared with. */
export interface InterleavedJob {
  readonly scenario: InterleavedScenario
  readonly raw: JobServer
  readonly targets: readonly JobServer[]
  readonly settings: InterleavedSettings
  /** A fan-out room job: what its windows are reported as (settings.fanout has the room's size). */
  readonly room?: RoomScenario
}

/** One measured window, as the generator prints it (`SLICE {json}`): a scenario result plus where it ran. */
export interface Slice extends ScenarioResult {
  readonly block: number
  /** Position in the run: a target's neighbours at position ± 1 are raw windows. */
  readonly position: number
  readonly server: string
}
