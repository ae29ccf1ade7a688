import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { WsError } from '@wsbridge/core'
import { refusalHttp, type RejectedUpgrade } from '@wsbridge/core/adapter'
import { answerUpgradeSocket } from './transport/index.js'

/** A refusal as the bridge decided it (status, message, and the error behind it). */
export type Refusal = Pick<RejectedUpgrade, 'status' | 'message' | 'error'>

/** The 404 for an upgrade outside the prefix that nothing else takes (not the bridge's to report). */
export const notFoundRefusal: Refusal = { status: 404, message: 'Not found', error: new WsError('ROUTE_NOT_FOUND') }

/**
 * Answers a refusal core decided, byte for byte as every other adapter answers it (core's
 * `refusalHttp`: status, plain-text body, `Connection: close`), and closes the socket.
 */
export function answerRefusal(socket: Duplex, refusal: Refusal): void {
  answerUpgradeSocket(socket, refusalHttp(refusal))
}

/**
 * Answers an upgrade request with a plain HTTP error and closes the socket, so no WebSocket is
 * created. `end` then destroy-on-finish (as ws's own abortHandshake does) lets the response flush.
 */
export function refuseUpgrade(
  socket: Duplex,
  status: number,
  message: string = STATUS_CODES[status] ?? 'Error',
  headers: Readonly<Record<string, string>> = {},
): void {
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
      Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('') +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  )
}
