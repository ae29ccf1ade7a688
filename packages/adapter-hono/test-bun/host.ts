import { Hono } from 'hono'
import { upgradeWebSocket, websocket } from 'hono/bun'
import { createHonoWebSocket } from '../src/index.js'
import type { InProcessHost } from '../test/smoke.js'

/** Hono on Bun.serve with hono/bun's `upgradeWebSocket` and its `websocket` handler (via bunWebSocket). */
export const honoBunHost: InProcessHost = {
  name: 'hono-bun',
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
}
