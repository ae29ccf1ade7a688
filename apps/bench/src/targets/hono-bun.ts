// Plain Hono on Bun through hono/bun.
import { upgradeWebSocket, websocket } from 'hono/bun'
import { createPlainHonoApp } from './hono-routes.js'
import { announce, HOST } from './ready.js'

const app = createPlainHonoApp(upgradeWebSocket)
const server = Bun.serve({ hostname: HOST, port: 0, fetch: app.fetch, websocket })
announce(server.port ?? 0)
