import { listenHost } from '@wsbridge/conformance'
import { createBunWebSocket } from '../src/index.js'

const BUN_TARGET =
  'Bun hands fetch the URL it parsed: a \\ in the path arrives as /, DEL and non-ASCII bytes percent-encoded; it answers control characters with 505 itself'

/** Bun.serve with the adapter's fetch/websocket and a fallback serving GET /health and answering `app` to everything else. */
export const bunHost = listenHost({
  name: 'bun',
  capabilities: { nativePubSub: true, httpRoutes: true, fallbackRoute: true, fragmentLimit: false, rawRequestTarget: false },
  reasons: {
    fragmentLimit: 'Bun (uWebSockets) has no cap on the frames of one message; maxPayloadLength still bounds its size',
    rawRequestTarget: BUN_TARGET,
  },
  async listen(routes, options, port) {
    const adapter = createBunWebSocket(routes, {
      ...options,
      fallback: (request) => (new URL(request.url).pathname === '/health' ? new Response('ok') : new Response('app')),
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
