// wsbridge as Hono middleware on Bun (hono/bun).
import { createHonoWebSocket } from '@wsbridge/adapter-hono'
import { Hono } from 'hono'
import { upgradeWebSocket, websocket } from 'hono/bun'
import { announce, HOST } from './ready.js'
import { benchOptions, routes } from './wsbridge-routes.js'

const app = new Hono()
const ws = createHonoWebSocket(routes, { ...benchOptions, upgradeWebSocket })
app.use('/:route', ws.middleware)
// As docs/adapters/hono.md sets it up: hono/bun's handler with the bridge's settings (bunWebSocket).
const server = Bun.serve({ hostname: HOST, port: 0, fetch: app.fetch, websocket: ws.bunWebSocket(websocket) })
announce(server.port ?? 0)
