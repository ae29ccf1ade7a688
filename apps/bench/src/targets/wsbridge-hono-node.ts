// wsbridge as Hono middleware on Node (@hono/node-server 2's built-in WebSocket support).
import { serve, upgradeWebSocket, type WebSocketServerLike } from '@hono/node-server'
import { createHonoWebSocket } from '@wsbridge/adapter-hono'
import { Hono } from 'hono'
import { WebSocketServer } from 'ws'
import { announce, HOST } from './ready.js'
import { benchOptions, routes } from './wsbridge-routes.js'

const app = new Hono()
const ws = createHonoWebSocket(routes, { ...benchOptions, upgradeWebSocket })
app.use('/:route', ws.middleware)
// As docs/adapters/hono.md mounts it: the bridge's ws options (limits, no client tracking).
// The cast only bridges @types/ws's optional `noServer` and exactOptionalPropertyTypes.
const wss = new WebSocketServer(ws.wsServerOptions) as unknown as WebSocketServerLike
// And as it tells users to: every upgrade socket answered within handshakeTimeout (guardUpgrades).
ws.guardUpgrades(serve({ fetch: app.fetch, port: 0, hostname: HOST, websocket: { server: wss } }, (info) => announce(info.port)))
