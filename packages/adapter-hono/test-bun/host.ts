import { Hono } from 'hono'
import { upgradeWebSocket, websocket } from 'hono/bun'
import type { ConformanceHost } from '@wsbridge/conformance'
import { createHonoWebSocket } from '../src/index.js'

/** Hono on Bun.serve with hono/bun's `upgradeWebSocket` and `websocket` handler. */
export const honoBunHost: ConformanceHost = {
  name: 'hono-bun',
  capabilities: { nativePubSub: false, httpRoutes: true },
  reasons: { nativePubSub: "hono/bun's WSContext exposes no publish; core fans out to each subscriber" },
  async start(routes, options) {
    const app = new Hono()
    const { middleware, bridge, bunWebSocket } = createHonoWebSocket(routes, { ...options, upgradeWebSocket })
    app.get('/health', (c) => c.text('ok'))
    app.use(`${options.prefix}/*`, middleware)
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: app.fetch, websocket: bunWebSocket(websocket) })
    return {
      wsUrl: `ws://127.0.0.1:${server.port}`,
      httpUrl: `http://127.0.0.1:${server.port}`,
      bridge,
      async close() {
        await bridge.close({ timeout: 1000 })
        await server.stop(true)
      },
    }
  },
}
