import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { failStartup } from './startup-failure.js'

export { urlHost } from './serve-address.js'

/**
 * Graceful shutdown on Ctrl-C / SIGTERM: `shutdown` first (a bridge's close sends every socket
 * 1001, so pages reconnect to whichever server comes back), then the HTTP server stops.
 */
export function closeOnSignal(shutdown: () => Promise<unknown>, stopServer: () => unknown): void {
  let stopping = false
  const stop = async (): Promise<void> => {
    if (stopping) return
    stopping = true
    await shutdown()
    await stopServer()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
}

/**
 * Listens with a Node HTTP server (plain, Express or Hono's), calls `listening` with the port, and
 * wires closeOnSignal; a failure to listen is one line prefixed `[app]` and exit 1 (failStartup).
 */
export function listenNode(
  app: string,
  server: Server,
  port: number,
  hostname: string,
  listening: (port: number) => void,
  shutdown: () => Promise<unknown>,
): void {
  const failed = (error: Error): never => failStartup(app, error, { port, hostname })
  server.once('error', failed)
  server.listen(port, hostname, () => {
    server.off('error', failed)
    listening((server.address() as AddressInfo).port)
  })
  closeOnSignal(shutdown, () => {
    // Keep-alive HTTP connections would hold close() open; the sockets are already closed by now.
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })
}
