import type { Bridge } from '@wsbridge/core'

/**
 * Options for Bun's `websocket` handler (adapter-bun, and hono/bun through adapter-hono). Core owns
 * payload size per route, idle timeout, heartbeat and the backpressure policy, so Bun's own
 * versions are turned off.
 */
export interface BunSocketOptions {
  /** Bounds the inflated size too, so a decompression bomb closes with 1009. */
  readonly maxPayloadLength: number
  /** Negotiated only when the bridge enables compression; core picks which frames to compress. */
  readonly perMessageDeflate: boolean
  /** Bun's own idle timer and pings would close sockets behind core's heartbeat and idle timeout. */
  readonly idleTimeout: 0
  /** Off for the same reason: core's heartbeat pings, and Bun's would race it. */
  readonly sendPings: false
  /** No Bun-side limit: Bun would otherwise drop frames silently past 16 MB, behind core's policy. */
  readonly backpressureLimit: 0
  /** Native fan-out relies on `ws.publish` skipping the publishing socket (Bun's default). */
  readonly publishToSelf: false
}

/**
 * Bun's `websocket` settings derived from the bridge's limits (payload size, compression), with Bun's
 * own idle timeout, pings and backpressure limit turned off because core enforces those itself. Spread
 * into the handler you pass to `Bun.serve` when you wire core to Bun without `createBunWebSocket`.
 */
export function bunSocketOptions(bridge: Bridge): BunSocketOptions {
  return {
    maxPayloadLength: bridge.maxPayloadLength,
    perMessageDeflate: bridge.compression.enabled,
    idleTimeout: 0,
    sendPings: false,
    backpressureLimit: 0,
    publishToSelf: false,
  }
}
