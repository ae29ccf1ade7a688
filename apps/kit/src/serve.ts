import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

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

/** Listens with a Node HTTP server (plain, Express or Hono's), calls `listening` with the port, and wires closeOnSignal. */
export function listenNode(
  server: Server,
  port: number,
  hostname: string,
  listening: (port: number) => void,
  shutdown: () => Promise<unknown>,
): void {
  server.listen(port, hostname, () => listening((server.address() as AddressInfo).port))
  closeOnSignal(shutdown, () => {
    // Keep-alive HTTP connections would hold close() open; the sockets are already closed by now.
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })
}

/** An address as it goes in a URL: IPv6 in brackets, the wildcard addresses as loopback. */
export function urlHost(hostname: string): string {
  if (hostname === '0.0.0.0') return '127.0.0.1'
  if (hostname === '::') return '[::1]'
  return hostname.includes(':') ? `[${hostname}]` : hostname
}
