import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { announce, closeOnSignal, type GameSetup } from './setup.js'

/** Listens with a Node HTTP server (plain, Express or Hono's), announces it and wires graceful shutdown. */
export function listenNode(host: string, server: Server, setup: GameSetup, port: number, hostname: string): void {
  server.listen(port, hostname, () => announce(host, hostname, (server.address() as AddressInfo).port))
  closeOnSignal(setup, () => {
    // Keep-alive HTTP connections would hold close() open; the sockets are already closed by now.
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })
}
