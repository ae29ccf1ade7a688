import { listenHost } from '@wsbridge/conformance'
import { createBunWebSocket } from '../src/index.js'

/** Bun.serve with the adapter's fetch/websocket and a fallback serving GET /health. */
export const bunHost = listenHost({
  name: 'bun',
  capabilities: { nativePubSub: true, httpRoutes: true },
  async listen(routes, options, port) {
    const adapter = createBunWebSocket(routes, {
      ...options,
      fallback: (request) => (new URL(request.url).pathname === '/health' ? new Response('ok') : new Response('Not Found', { status: 404 })),
    })
    const server = Bun.serve({ port, hostname: '127.0.0.1', fetch: adapter.fetch, websocket: adapter.websocket })
    return {
      bridge: adapter.bridge,
      port: server.port!,
      async stop() {
        await adapter.close()
        await server.stop(true)
      },
    }
  },
})
