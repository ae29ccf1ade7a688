/** The parts of Node's upgrade socket (a net.Socket, typed as Duplex) a refusal is written with; duck-typed, so this module loads on any runtime. */
export interface UpgradeSocket {
  /** The socket is gone: nothing more can be written. */
  readonly destroyed: boolean
  /** Writes are still accepted. */
  readonly writable: boolean
  /** Bytes written but not yet flushed to the kernel. */
  readonly writableLength: number
  /** Bytes written to the socket so far (net.Socket): anything means someone answered the request. */
  readonly bytesWritten?: number
  /** Writes the last bytes (the HTTP answer) and half-closes. */
  end(data: string): unknown
  /** Closes the socket at once. */
  destroy(): void
  /** A write error: the peer went away; the socket is destroyed. */
  on(event: 'error', listener: () => void): unknown
  /** Everything written was flushed to the kernel. */
  once(event: 'finish', listener: () => void): unknown
}

/**
 * Writes `answer` (a whole HTTP response, see `refusalHttp`) to an upgrade socket no HTTP server
 * writes to any more, and closes it. Once the answer is with the kernel (the usual case: a fresh
 * socket's send buffer is empty) the socket is destroyed at once, so a Node helper that answers the
 * same socket after us finds it destroyed and writes nothing (@hono/node-server 2 and @hono/node-ws
 * write a status line of their own once the app has answered); otherwise when it has been flushed.
 */
export function answerUpgradeSocket(socket: UpgradeSocket, answer: string): void {
  // Node's HTTP server takes its error listener off an upgrade socket: a reset while we write must
  // not become an uncaught exception.
  socket.on('error', () => socket.destroy())
  if (!socket.writable || socket.destroyed) return socket.destroy()
  socket.end(answer)
  if (socket.writableLength === 0) socket.destroy()
  else socket.once('finish', () => socket.destroy())
}
