import type { Bridge, BridgeOptions, Routes } from '@wsbridge/core'
import type { ConformanceHost } from '@wsbridge/conformance'
import { createBunWebSocket, type BunWebSocket } from '../src/index.js'

interface Instance {
  readonly adapter: BunWebSocket<Routes>
  readonly server: ReturnType<typeof Bun.serve>
}

/** Bun.serve with the adapter's fetch/websocket and a fallback serving GET /health. */
function listen(routes: Routes, options: BridgeOptions, port: number): Instance {
  const adapter = createBunWebSocket(routes, {
    ...options,
    fallback: (request) => (new URL(request.url).pathname === '/health' ? new Response('ok') : new Response('Not Found', { status: 404 })),
  })
  return { adapter, server: Bun.serve({ port, hostname: '127.0.0.1', fetch: adapter.fetch, websocket: adapter.websocket }) }
}

/** Stops an instance. `crash` drops every socket without a close frame, as a dying process would. */
async function stop({ adapter, server }: Instance, crash: boolean): Promise<void> {
  if (crash) for (const connection of adapter.bridge.connections) connection.terminate()
  await adapter.close()
  await server.stop(true)
}

export const bunHost: ConformanceHost = {
  name: 'bun',
  capabilities: { nativePubSub: true, httpRoutes: true, restart: true },
  async start(routes, options) {
    let current = listen(routes, options, 0)
    const port = current.server.port!
    return {
      wsUrl: `ws://127.0.0.1:${port}`,
      httpUrl: `http://127.0.0.1:${port}`,
      get bridge(): Bridge {
        return current.adapter.bridge
      },
      close: () => stop(current, false),
      async restart() {
        await stop(current, true)
        current = listen(routes, options, port)
      },
    }
  },
}
