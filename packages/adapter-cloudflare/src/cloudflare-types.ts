/**
 * The few Cloudflare runtime shapes the adapter touches, duck-typed so the package needs no
 * `@cloudflare/workers-types` and typechecks anywhere. They match workerd's WebSocket, the Durable
 * Object state's Hibernation API and `WebSocketPair`; the real objects are read from `globalThis`
 * only when a request is upgraded, never while the module loads.
 */

/** A workerd WebSocket as a Durable Object holds it (the server end of a `WebSocketPair`). */
export interface CloudflareWebSocket {
  /** Takes the socket into this request's context (not hibernatable): only for sockets closed at once. */
  accept(): void
  /** Sends a text (string) or binary frame. */
  send(message: string | ArrayBuffer | ArrayBufferView): void
  /** Starts the closing handshake, or answers the client's close from `webSocketClose`. */
  close(code?: number, reason?: string): void
  /** Stored with the socket and kept across hibernation (at most 2,048 bytes, structured-clonable). */
  serializeAttachment(value: unknown): void
  /** What `serializeAttachment` stored: the adapter's connection snapshot, read back after hibernation. */
  deserializeAttachment(): unknown
  /** Only for a socket taken with `accept()` (a hibernatable socket's close comes to `webSocketClose`). */
  addEventListener(type: 'close', listener: (event: { readonly code: number; readonly reason: string }) => void): void
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number
}

/** `new WebSocketRequestResponsePair(request, response)`: what `setWebSocketAutoResponse` takes. */
export interface WebSocketAutoResponse {
  /** The exact text message workerd answers itself (the client's heartbeat ping). */
  readonly request: string
  /** The text workerd sends back, without waking the object. */
  readonly response: string
}

/** The part of `DurableObjectStorage` (`ctx.storage`) the adapter uses: the object's one alarm. */
export interface DurableObjectAlarmsLike {
  /** Schedules the object's `alarm()`, which runs the next heartbeat, idle or close deadline. */
  setAlarm(scheduledTime: number | Date): Promise<void> | void
}

/** The parts of `DurableObjectState` (`ctx`) the adapter uses: the WebSocket Hibernation API and alarms. */
export interface DurableObjectStateLike {
  /** Takes the server end of a pair as a hibernatable socket: its events then come to the object's `webSocket*` methods. */
  acceptWebSocket(socket: CloudflareWebSocket, tags?: string[]): void
  /** The object's open hibernatable sockets, which the adapter restores connections from after a wake-up. */
  getWebSockets(tag?: string): CloudflareWebSocket[]
  /** Sets (or, without a pair, clears) the message workerd answers itself without waking the object. */
  setWebSocketAutoResponse(pair?: unknown): void
  /**
   * When workerd last answered `socket`'s auto-response message itself (null: never). Read at each
   * alarm sweep: a client whose only frames are those heartbeats is alive, although the object never
   * saw them. Optional, for stand-in states.
   */
  getWebSocketAutoResponseTimestamp?(socket: CloudflareWebSocket): Date | null
  /**
   * With it, heartbeat, idle and close deadlines run on the object's alarm (call the adapter's
   * `alarm()` from the object's); without it, on a timer, which keeps the object in memory.
   */
  readonly storage?: DurableObjectAlarmsLike
}

/** `WebSocketPair`'s two ends: 0 goes to the client in the 101 response, 1 stays in the object. */
export interface CloudflareWebSocketPair {
  /** The client's end, returned in the 101 response. */
  readonly 0: CloudflareWebSocket
  /** The server's end, accepted by the Durable Object. */
  readonly 1: CloudflareWebSocket
}

interface CloudflareGlobals {
  readonly WebSocketPair?: new () => CloudflareWebSocketPair
  readonly WebSocketRequestResponsePair?: new (request: string, response: string) => unknown
}

/** A new `WebSocketPair`, read from workerd's globals at call time. */
export function newWebSocketPair(): CloudflareWebSocketPair {
  const Pair = (globalThis as CloudflareGlobals).WebSocketPair
  if (!Pair) throw new TypeError('[wsbridge/adapter-cloudflare] WebSocketPair is missing: run this in a Cloudflare Worker')
  return new Pair()
}

/** The runtime's `WebSocketRequestResponsePair` for `pair`, or undefined outside workerd. */
export function autoResponsePair(pair: WebSocketAutoResponse): unknown {
  const Pair = (globalThis as CloudflareGlobals).WebSocketRequestResponsePair
  return Pair ? new Pair(pair.request, pair.response) : undefined
}
