import type { Bridge } from '@wsbridge/core'

/**
 * Options for `ws`'s `new WebSocketServer(...)` that apply the bridge's payload and compression
 * settings (adapter-node-ws, and Hono's Node helpers through adapter-hono).
 */
export interface WsServerOptions {
  /** The HTTP server stays yours: `ws` only completes the upgrades it is handed. */
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
  readonly perMessageDeflate:
    | false
    | {
        /** 0: `ws` compresses every frame core asks it to; core applies the bridge's threshold. */
        readonly threshold: 0
      }
}

/**
 * The `ws` `WebSocketServer` options that make `ws` enforce the bridge's limits (payload size,
 * fragments, compression) in noServer mode. Use it when another framework creates the `ws` server,
 * as adapter-hono does on Node.
 */
export function wsServerOptions(bridge: Bridge): WsServerOptions {
  return {
    noServer: true,
    clientTracking: false,
    maxPayload: bridge.maxPayloadLength,
    maxFragments: bridge.maxFragments,
    perMessageDeflate: bridge.compression.enabled ? { threshold: 0 } : false,
  }
}
