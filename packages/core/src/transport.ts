/**
 * The minimal socket an adapter hands to core. Adapters build it as an object literal around the
 * runtime's socket; core wraps it into the one `Connection` users see.
 */
export interface Transport {
  /**
   * Sends one frame. Strings go as text frames, bytes as binary frames. `compress` is set only when
   * the bridge has compression on: true for frames at or above the threshold (ws: `{ compress }`,
   * Bun: `send(data, compress)`); runtimes that cannot choose per frame may ignore it. `shared` is
   * true when the same frame goes to other sockets in the same call (a publish or broadcast), so a
   * transport may encode it once and reuse the bytes; it is never set for a single send.
   */
  send(data: string | Uint8Array, compress?: boolean, shared?: boolean): void
  /** Starts the closing handshake with an already-validated code and reason. */
  close(code: number, reason: string): void
  /** Drops the socket immediately without a closing handshake. */
  terminate(): void
  /**
   * Sends a ping frame. Core's heartbeat (one bridge-wide timer, see security/liveness.ts) only runs
   * on transports that have `ping`, and an adapter that provides it MUST call `events.pong()` for
   * every pong the runtime reports, or every peer is terminated as dead after two intervals.
   * Adapters must also turn off the runtime's own pings/idle timer (Bun: `sendPings: false`,
   * `idleTimeout: 0`) so core's values are the only ones in force.
   */
  ping?(): void
  /** Bytes queued by the runtime and not yet written to the network. */
  readonly bufferedAmount: number
  /** The runtime's own socket object, for escape hatches. */
  readonly raw: unknown
  /** Native pub/sub, on runtimes that have it (Bun). Without it core sends to each subscriber. */
  readonly pubsub?: NativePubSub
}

/**
 * Runtime-native topic fan-out for one socket (Bun's ServerWebSocket). Core keeps its own topic
 * index either way (topics, subscriberCount, presence and cleanup come from it) and decides who
 * receives what; native calls only replace the per-subscriber send loop. See core/src/pubsub/hub.ts.
 */
export interface NativePubSub {
  subscribe(topic: string): void
  unsubscribe(topic: string): void
  /** Sends to every native subscriber of `topic` except this socket (Bun's `ws.publish`). */
  publish(topic: string, frame: string | Uint8Array): void
}

/**
 * What an adapter calls as socket events arrive. Each method is synchronous and never throws.
 * `bridge.open` returns it, and only the adapter holds it: it is never the connection handlers
 * receive (for core's `ws` and Bun transports it is the transport itself).
 */
export interface ConnectionEvents {
  /** A complete message. `isBinary` distinguishes text frames from binary ones. */
  message(data: string | Uint8Array, isBinary: boolean): void
  /** The socket is closed. Called at most once; later calls are ignored. */
  closed(code: number, reason: string): void
  /** The runtime's buffer has room again after backpressure. */
  drain(): void
  /** A pong arrived (answer to `transport.ping()`): the peer is alive. Optional to call only for adapters without `ping`. */
  pong(): void
  /** A transport-level error (the adapter still calls `closed` when the socket goes). */
  error(error: unknown): void
}
