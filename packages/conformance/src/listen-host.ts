import type { AddressInfo } from 'node:net'
import type { Bridge, BridgeOptions, Routes } from '@wsbridge/core'
import type { ConformanceHost, HostCapabilities } from './host.js'

/** One listening server of a host: its bridge, its port, and how to stop it. */
export interface HostInstance {
  readonly bridge: Bridge
  readonly port: number
  /** Stops listening and closes whatever connections are left. */
  stop(): Promise<void>
}

/** Starts a server for `routes` on 127.0.0.1 and `port` (0: an ephemeral one). */
export type HostListen = (routes: Routes, options: BridgeOptions & { readonly prefix: string }, port: number) => Promise<HostInstance>

export interface ListenHostOptions {
  readonly name: string
  readonly capabilities: Partial<HostCapabilities>
  readonly reasons?: ConformanceHost['reasons']
  readonly listen: HostListen
}

/**
 * A conformance host from a `listen` function, with `restart`: drop every socket without a close
 * frame (as a crash would), stop, and serve the same routes again on the same port. `bridge`
 * follows the live instance. The `restart` capability is declared for you.
 */
export function listenHost({ name, capabilities, reasons, listen }: ListenHostOptions): ConformanceHost {
  return {
    name,
    capabilities: { ...capabilities, restart: true },
    ...(reasons ? { reasons } : {}),
    async start(routes, options) {
      let current = await listen(routes, options, 0)
      const { port } = current
      return {
        wsUrl: `ws://127.0.0.1:${port}`,
        httpUrl: `http://127.0.0.1:${port}`,
        get bridge(): Bridge {
          return current.bridge
        },
        close: () => current.stop(),
        async restart() {
          for (const connection of current.bridge.connections) connection.terminate()
          await current.stop()
          current = await listen(routes, options, port)
        },
      }
    },
  }
}

/** The parts of a listening node:http (or http2) server that `httpServerInstance` uses. */
export interface ListeningHttpServer {
  address(): AddressInfo | string | null
  close(callback: () => void): unknown
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
