import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'

/**
 * Answers an upgrade request with a plain HTTP error and closes the socket, so no WebSocket is
 * created. `end` then destroy-on-finish (as ws's own abortHandshake does) lets the response flush.
 */
export function refuseUpgrade(socket: Duplex, status: number, message: string = STATUS_CODES[status] ?? 'Error'): void {
  // Node's HTTP server removes its own error listener from upgrade sockets; a reset while we write
  // the answer would otherwise be an uncaught exception.
  socket.on('error', () => socket.destroy())
  if (!socket.writable || socket.destroyed) {
    socket.destroy()
    return
  }
  // The message comes from core's error table or an auth hook: strip CR/LF so it stays a body.
  const body = message.replace(/[\r\n]+/g, ' ')
  socket.once('finish', () => socket.destroy())
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  )
}
