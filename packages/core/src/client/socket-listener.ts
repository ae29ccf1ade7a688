import type { WebSocketConstructor, WebSocketLike } from './socket.js'

/** What a client connection hears from its socket, already decoded from the runtime's event objects. */
export interface SocketListener {
  open(socket: WebSocketLike): void
  message(data: unknown): void
  close(code: number, reason: string): void
  error(error: Error): void
}

/**
 * Opens a socket whose events reach `listener` only while `isCurrent(socket)` holds: a connection
 * moves on to a new socket on every reconnect, and a late close or error from one it abandoned
 * must never disturb its successor.
 */
export function openSocket(
  WebSocket: WebSocketConstructor,
  url: string,
  protocols: string | string[] | undefined,
  isCurrent: (socket: WebSocketLike) => boolean,
  listener: SocketListener,
): WebSocketLike {
  const socket = new WebSocket(url, protocols)
  socket.binaryType = 'arraybuffer'
  let opened = false
  socket.onopen = () => {
    opened = true
    if (isCurrent(socket)) listener.open(socket)
  }
  socket.onmessage = (event: { data: unknown }) => isCurrent(socket) && listener.message(event.data)
  socket.onclose = (event: { code: number; reason: string }) => isCurrent(socket) && listener.close(event.code, event.reason)
  socket.onerror = (event: { message?: unknown }) => {
    if (!isCurrent(socket)) return
    listener.error(socketError(url, opened, event?.message))
  }
  return socket
}

/**
 * The error a socket reported, naming the URL (without its query, which may carry a token) and
 * whether the upgrade had completed. Where the runtime says why (Node's `ws`: `Unexpected server
 * response: 403`), that is kept; browsers say nothing, so the message points at the server's log.
 */
export function socketError(url: string, opened: boolean, message: unknown): Error {
  const where = url.split('?', 1)[0]
  if (opened) return new Error(`[wsbridge] WebSocket error on ${where}${typeof message === 'string' && message ? `: ${message}` : ''}`)
  const why =
    typeof message === 'string' && message
      ? message
      : 'refused or unreachable (this runtime does not expose the HTTP status; the server logs why it refused an upgrade)'
  return new Error(`[wsbridge] could not connect to ${where}: ${why}`)
}
