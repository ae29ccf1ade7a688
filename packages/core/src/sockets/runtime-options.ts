import type { Bridge } from '../bridge-types.js'

/**
 * Options for `ws`'s `new WebSocketServer(...)` that apply the bridge's payload and compression
 * settings (adapter-node-ws, and Hono's Node helpers through adapter-hono).
 */
export interface WsServerOptions {
  readonly noServer: true
  /**
   * Core tracks the open connections itself. ws's own set would be a second copy, and for every
   * socket it adds a close listener (a closure with its own context, ~150 bytes).
   */
  readonly clientTracking: false
  /** Bounds the inflated size too: a frame past it (or a decompression bomb) closes with 1009 inside `ws`. */
  readonly maxPayload: number
  /** Frames one message may arrive in; more closes with 1008 inside `ws` (0: no cap). The bridge's `maxFragments`. */
  readonly maxFragments: number
  /** Negotiated only when the bridge enables compression; core picks which frames to compress (its threshold), so ws's own is 0. */
  readonly perMessageDeflate: false | { readonly threshold: 0 }
}

export function wsServerOptions(bridge: Bridge): WsServerOptions {
  return {
    noServer: true,
    clientTracking: false,
    maxPayload: bridge.maxPayloadLength,
    maxFragments: bridge.maxFragments,
    perMessageDeflate: bridge.compression.enabled ? { threshold: 0 } : false,
  }
}

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
  readonly sendPings: false
  /** No Bun-side limit: Bun would otherwise drop frames silently past 16 MB, behind core's policy. */
  readonly backpressureLimit: 0
  /** Core's native fan-out relies on `ws.publish` skipping the publishing socket (Bun's default). */
  readonly publishToSelf: false
}

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
