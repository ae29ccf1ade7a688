import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Bridge } from '@wsbridge/core'
import { announce, closeOnSignal } from './bootstrap.js'
import type { ChatConfig } from './config.js'
import { failStartup } from './startup-failure.js'

/** Listens with a Node HTTP server (plain, Express or Hono's) and wires graceful shutdown. */
export function listenNode(host: string, server: Server, bridge: Bridge, config: ChatConfig): void {
  server.once('error', (error) => failStartup(error, config))
  server.listen(config.port, config.hostname, () => announce(host, config, (server.address() as AddressInfo).port))
  closeOnSignal(bridge, () => {
    // Keep-alive HTTP connections would hold close() open; the sockets are already closed by now.
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })
}
