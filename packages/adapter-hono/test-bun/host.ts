import { listenHost } from '@wsbridge/conformance'
import { Hono } from 'hono'
import { upgradeWebSocket, websocket } from 'hono/bun'
import { createHonoWebSocket } from '../src/index.js'

const BUN_TARGET =
  'Bun hands fetch the URL it parsed: a \\ in the path arrives as /, DEL and non-ASCII bytes percent-encoded; it answers control characters with 505 itself'

/** Hono on Bun.serve with hono/bun's `upgradeWebSocket` and its `websocket` handler (via bunWebSocket). */
export const honoBunHost = listenHost({
  name: 'hono-bun',
  capabilities: { nativePubSub: true, httpRoutes: true, fallbackRoute: true, fragmentLimit: false, rawRequestTarget: false },
  reasons: {
    fragmentLimit: 'Bun (uWebSockets) has no cap on the frames of one message; maxPayloadLength still bounds its size',
    rawRequestTarget: BUN_TARGET,
  },
  async listen(routes, options, port) {
    const app = new Hono()
    const { middleware, bridge, bunWebSocket } = createHonoWebSocket(routes, { ...options, upgradeWebSocket })
    app.get('/health', (c) => c.text('ok'))
    app.use(`${options.prefix}/*`, middleware)
    app.all('*', (c) => c.text('app'))
    const server = Bun.serve({ port, hostname: '127.0.0.1', fetch: app.fetch, websocket: bunWebSocket(websocket) })
    return {
      bridge,
      port: server.port!,
      async stop() {
        await bridge.close({ timeout: 1000 })
        await server.stop(true)
      },
    }
  },
})
