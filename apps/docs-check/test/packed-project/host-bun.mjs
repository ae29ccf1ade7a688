// The same third party's host on Bun, in plain JavaScript and run with plain `bun`: the packed
// adapter-bun and conformance fixture as installed from their tarballs.
import { createBunWebSocket } from '@wsbridge/adapter-bun'
import { serveFixture } from '@wsbridge/conformance/fixture'

await serveFixture(async (routes, options, port) => {
  const adapter = createBunWebSocket(routes, {
    ...options,
    fallback: (request) => new Response(new URL(request.url).pathname === '/health' ? 'ok' : 'app'),
  })
  const server = Bun.serve({ port, hostname: '127.0.0.1', fetch: adapter.fetch, websocket: adapter.websocket })
  return {
    bridge: adapter.bridge,
    port: server.port,
    async stop() {
      await adapter.close()
      await server.stop(true)
    },
  }
})
