import type { ConformanceHost } from '@wsbridge/conformance'
import { createBunWebSocket } from '../src/index.js'

/** Bun.serve with the adapter's fetch/websocket and a fallback serving GET /health. */
export const bunHost: ConformanceHost = {
  name: 'bun',
  capabilities: { nativePubSub: false, httpRoutes: true },
  reasons: { nativePubSub: "not wired yet: core's topic index sends to each subscriber (Bun's ws.publish hook is core's NativePubSub)" },
  async start(routes, options) {
    const adapter = createBunWebSocket(routes, {
      ...options,
      fallback: (request) => (new URL(request.url).pathname === '/health' ? new Response('ok') : new Response('Not Found', { status: 404 })),
    })
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: adapter.fetch, websocket: adapter.websocket })
    return {
      wsUrl: `ws://127.0.0.1:${server.port}`,
      httpUrl: `http://127.0.0.1:${server.port}`,
      bridge: adapter.bridge,
      async close() {
        await adapter.close()
        await server.stop(true)
      },
    }
  },
}
