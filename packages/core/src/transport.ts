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
  /**
   * The runtime's own topic fan-out, on runtimes that have it (Bun): the same object for every
   * socket of one server. Without it core sends to each subscriber.
   */
  readonly pubsub?: NativePubSub | undefined
}

/**
 * A runtime's native topic fan-out (Bun's `server.publish`), shared by the sockets of one server.
 * Core keeps its own topic index either way (topics, subscriberCount, presence and cleanup come
 * from it), counts each topic's native subscribers as they join and leave, and decides who
 * receives what: it calls `publish` only when every native subscriber but the publishing
 * connection is to get the frame, so a publish costs the same JavaScript whatever the topic's
 * size. Core only ever passes transports whose `pubsub` is this object. See
 * core/src/pubsub/native-fanout.ts.
 */
export interface NativePubSub {
  /** Subscribes `socket` to `topic` in the runtime. */
  subscribe(socket: Transport, topic: string): void
  /** Unsubscribes `socket` from `topic` in the runtime. */
  unsubscribe(socket: Transport, topic: string): void
  /**
   * Sends `frame`, uncompressed, once to every socket subscribed to `topic` through this object
   * except `except` (an open subscriber: the connection that published). Bun: `server.publish`, or
   * `except`'s `ws.publish`, which skips the publishing socket.
   */
  publish(topic: string, frame: string | Uint8Array, except: Transport | undefined): void
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
