// The game on Hono under Bun: `npm run start:hono-bun` (the bun binary from node_modules).
import { createHonoWebSocket } from '@wsbridge/adapter-hono'
import { Hono } from 'hono'
import { upgradeWebSocket, websocket } from 'hono/bun'
import { listenOrFail } from '@wsbridge/app-kit/startup-failure'
import { pageOrNotFound } from './server/page.js'
import { announce, closeOnSignal, readEnv, setupGame } from './server/setup.js'

const { port, hostname, options } = readEnv(process.env)
const setup = await setupGame(options)
const { middleware, bunWebSocket } = createHonoWebSocket(setup.bridge, { upgradeWebSocket })
const app = new Hono()
app.get('/api/*', middleware)
app.get('*', (c) => pageOrNotFound(setup.page, c.req.raw))

// bunWebSocket adds the bridge's settings (max payload, compression, pongs) to hono/bun's handler.
const server = listenOrFail('game', () => Bun.serve({ port, hostname, fetch: app.fetch, websocket: bunWebSocket(websocket) }), {
  port,
  hostname,
})
announce('hono-bun', hostname, server.port ?? port)
closeOnSignal(setup, () => server.stop(true))
