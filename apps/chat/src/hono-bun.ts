// The chat on Hono under Bun: `npm run start:hono-bun` (runs with the bun binary from node_modules).
import { createHonoWebSocket } from '@wsbridge/adapter-hono'
import { Hono } from 'hono'
import { upgradeWebSocket, websocket } from 'hono/bun'
import { announce, closeOnSignal, setupChat } from './server/bootstrap.js'
import { pageResponse } from './server/page.js'
import { listenOrFail } from './server/startup-failure.js'

const { config, bridge, page } = await setupChat('hono-bun')
const { middleware, bunWebSocket } = createHonoWebSocket(bridge, { upgradeWebSocket })
const app = new Hono()
app.get('/api/*', middleware)
app.get('*', (c) => pageResponse(page, c.req.raw) ?? c.notFound())

// bunWebSocket adds the bridge's settings (max payload, compression, pongs) to hono/bun's handler.
const server = listenOrFail(
  () => Bun.serve({ port: config.port, hostname: config.hostname, fetch: app.fetch, websocket: bunWebSocket(websocket) }),
  config,
)
announce('hono-bun', config, server.port ?? config.port)
closeOnSignal(bridge, () => server.stop(true))
