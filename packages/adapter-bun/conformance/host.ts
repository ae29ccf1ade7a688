import type { HostListen } from '@wsbridge/conformance'
import { serveFixture } from '@wsbridge/conformance/fixture'
import { createBunWebSocket } from '../src/index.js'

/** Bun.serve with the adapter's fetch/websocket and a fallback serving GET /health and answering `app` to everything else. */
const listen: HostListen = async (routes, options, port) => {
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
}

// The conformance host process, run under Bun by conformance.test.ts.
await serveFixture(listen)
