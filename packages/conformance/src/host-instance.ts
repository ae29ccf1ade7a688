import type { AddressInfo } from 'node:net'
import type { Bridge } from '@wsbridge/core'
import type { HostInstance } from './fixture/serve.js'

export type { HostInstance, HostListen } from './fixture/serve.js'

/** The parts of a listening node:http (or http2) server that `httpServerInstance` uses. */
export interface ListeningHttpServer {
  /** Where it listens (`server.address()`). */
  address(): AddressInfo | string | null
  /** Stops listening; `callback` runs once every connection is closed. */
  close(callback: () => void): unknown
  /** Drops idle keep-alive connections, which would hold `close` open (Node 18.2+). */
  closeAllConnections?(): void
}

/**
 * The instance for a listening node:http server and the adapter serving on it: `stop` closes the
 * adapter first (1001 to every client), then drops keep-alive connections and closes the server.
 */
export function httpServerInstance(
  server: ListeningHttpServer,
  adapter: { readonly bridge: Bridge; close(): Promise<void> },
): HostInstance {
  return {
    bridge: adapter.bridge,
    port: (server.address() as AddressInfo).port,
    async stop() {
      await adapter.close()
      server.closeAllConnections?.()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
