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
  socket.onopen = () => isCurrent(socket) && listener.open(socket)
  socket.onmessage = (event: { data: unknown }) => isCurrent(socket) && listener.message(event.data)
  socket.onclose = (event: { code: number; reason: string }) => isCurrent(socket) && listener.close(event.code, event.reason)
  socket.onerror = (event: { message?: unknown }) => {
    if (!isCurrent(socket)) return
    const detail = typeof event?.message === 'string' && event.message ? `: ${event.message}` : ''
    listener.error(new Error(`[wsbridge] WebSocket error${detail}`))
  }
  return socket
}
