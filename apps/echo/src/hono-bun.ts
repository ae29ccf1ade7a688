// The echo sample on Hono under Bun: `npm run start:hono-bun` (the bun binary from node_modules).
import { createHonoWebSocket } from '@wsbridge/adapter-hono'
import { pageOrNotFound } from '@wsbridge/app-kit/page'
import { closeOnSignal } from '@wsbridge/app-kit/serve'
import { listenOrFail } from '@wsbridge/app-kit/startup-failure'
import { Hono } from 'hono'
import { upgradeWebSocket, websocket } from 'hono/bun'
import { announce, readEnv, setupEcho } from './server/setup.js'

const { port, hostname } = readEnv(process.env)
const { bridge, page } = await setupEcho()
const { middleware, bunWebSocket } = createHonoWebSocket(bridge, { upgradeWebSocket })
const app = new Hono()
app.get('/api/*', middleware)
app.get('*', (c) => pageOrNotFound(page, c.req.raw))

// bunWebSocket adds the bridge's settings (max payload, compression, pongs) to hono/bun's handler.
const server = listenOrFail('echo', () => Bun.serve({ port, hostname, fetch: app.fetch, websocket: bunWebSocket(websocket) }), {
  port,
  hostname,
})
announce('hono-bun', hostname, server.port ?? port)
closeOnSignal(
  () => bridge.close({ timeout: 2000 }),
  () => server.stop(true),
)
