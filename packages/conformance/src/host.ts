import type { Bridge, BridgeOptions, Routes } from '@wsbridge/core'

/** A running server of one host (adapter + runtime) that the suite drives over real sockets. */
export interface RunningHost {
  /** `ws://127.0.0.1:<port>`: base for WebSocket URLs (the suite appends prefix + route path). */
  readonly wsUrl: string
  /** `http://127.0.0.1:<port>`: base for plain HTTP requests to the host's own non-ws routes. */
  readonly httpUrl: string
  /** The bridge the adapter drives (created by the adapter from the routes, or passed in). */
  readonly bridge: Bridge
  /** Stops the server and every connection. */
  close(): Promise<void>
  /**
   * Optional (declare the `restart` capability with it): drops every connection without a close
   * frame and stops listening, as a crash or redeploy would, then serves the same routes with the
   * same options on the same port again. `bridge` must return the new bridge afterwards (a getter).
   * The client group's reconnect-after-restart case uses it.
   */
  restart?(): Promise<void>
}

/**
 * Differences between runtimes, declared once and used with `skipIf` in the suite. Every flag that
 * is false must carry a reason in `reasons` so the compatibility table can print it.
 */
export interface HostCapabilities {
  /** Bun's server.publish / ws.publish is used for topic fan-out. */
  readonly nativePubSub: boolean
  /** The host serves a plain HTTP route at GET /health on the same port (proves coexistence). */
  readonly httpRoutes: boolean
  /**
   * The runtime answers a protocol error (RFC 6455 §7.1.7) with a close frame carrying the code
   * (1002/1007/1009). False for runtimes that drop the TCP connection instead, which is safe too;
   * the security group's malformed-frame cases then accept a drop.
   */
  readonly protocolCloseFrames: boolean
  /** `RunningHost.restart` is implemented. Optional so hosts written before it still type-check. */
  readonly restart?: boolean
  /**
   * The host's app answers every plain HTTP request it has no route of its own for with 200 and the
   * body `app` (a catch-all, as an SPA's): cases then check that upgrades under the prefix are still
   * wsbridge's (404 for no route) while plain requests reach the app. Optional, like `restart`.
   */
  readonly fallbackRoute?: boolean
  /**
   * The runtime caps the frames one message may arrive in and takes the bridge's `maxFragments`
   * (ws). False where the runtime has no such cap (Bun): a message's size is still bounded by
   * `maxPayloadLength`. Optional, like `restart`.
   */
  readonly fragmentLimit?: boolean
  /**
   * The adapter reads the request target as the client sent it (Node's `request.url`), so a `\` in
   * the path is refused like any invalid target. False where the runtime hands over only the URL it
   * parsed (Bun): a `\` in the path arrives as `/`, DEL and non-ASCII bytes percent-encoded, and
   * what it refuses itself (control characters) it answers before any handler. Optional.
   */
  readonly rawRequestTarget?: boolean
}

export interface ConformanceHost {
  /** Printed in `conformance <name>: N passed, M failed`, e.g. `node-ws`, `hono-bun`. */
  readonly name: string
  readonly capabilities?: Partial<HostCapabilities>
  /** Why a capability is false, keyed by capability name. */
  readonly reasons?: Partial<Record<keyof HostCapabilities, string>>
  /**
   * Starts the host on 127.0.0.1 and an ephemeral port, serving `routes` under `options.prefix`.
   * Pass `options` to the adapter unchanged: the suite observes the bridge through `options.onError`
   * and some cases set limits. May be called more than once (some cases start a host of their own).
   */
  start(routes: Routes, options: BridgeOptions & { readonly prefix: string }): Promise<RunningHost>
}
