// wsbridge as Hono middleware on Bun (hono/bun).
import { createHonoWebSocket } from '@wsbridge/adapter-hono'
import { Hono } from 'hono'
import { upgradeWebSocket, websocket } from 'hono/bun'
import { announce, HOST } from './ready.js'
import { benchOptions, routes } from './wsbridge-routes.js'

const app = new Hono()
app.use('/:route', createHonoWebSocket(routes, { ...benchOptions, upgradeWebSocket }).middleware)
const server = Bun.serve({ hostname: HOST, port: 0, fetch: app.fetch, websocket })
announce(server.port ?? 0)
