/**
 * The subset of the WHATWG WebSocket the client uses. The browser's WebSocket, Bun's global and the
 * `ws` package (Node) all satisfy it, so the client runs on each without importing any of them.
 */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number
  /** Bytes queued by `send` and not yet written to the network. */
  readonly bufferedAmount: number
  /** Set to `'arraybuffer'` by the client, so binary frames arrive as ArrayBuffer. */
  binaryType: string
  // Handler events are `any` on purpose: the DOM, Bun and `ws` each declare their own event classes,
  // and a stricter parameter type would make their constructors unassignable here. The client only
  // reads `data`, `code` and `reason`, which all three provide.
  /** Called when the handshake completes. */
  onopen: ((event: any) => void) | null
  /** Called with each frame; the client reads `event.data`. */
  onmessage: ((event: any) => void) | null
  /** Called once the socket is closed; the client reads `event.code` and `event.reason`. */
  onclose: ((event: any) => void) | null
  /** Called on a transport error (a close always follows). */
  onerror: ((event: any) => void) | null
  /** Sends a text (string) or binary frame. */
  send(data: string | ArrayBufferLike | ArrayBufferView): void
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void
}

/** A WebSocket constructor: `globalThis.WebSocket`, or `ws`'s default export in Node 20. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike

/** The injected implementation, else the global one (browsers, Bun, Node 22+). */
export function resolveWebSocket(injected: WebSocketConstructor | undefined): WebSocketConstructor {
  if (injected) return injected
  const global = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket
  if (global) return global
  throw new TypeError(
    "[wsbridge] no global WebSocket here (Node 20): pass one, e.g. setupBridge(routes, { baseUrl, WebSocket: (await import('ws')).default })",
  )
}

/** Drops a socket at once: `ws` has terminate(); elsewhere close() and stop listening. */
export function dropSocket(socket: WebSocketLike): void {
  socket.onopen = null
  socket.onmessage = null
  socket.onclose = null
  socket.onerror = () => undefined
  const terminate = (socket as { terminate?: () => void }).terminate
  try {
    if (typeof terminate === 'function') terminate.call(socket)
    else socket.close(4000, 'Client gave up on this socket')
  } catch {
    // Closing a socket that never opened can throw in some implementations; it is gone either way.
  }
}
