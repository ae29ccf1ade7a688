// Plain Hono on Node through @hono/node-server 2's built-in WebSocket support.
import { serve, upgradeWebSocket, type WebSocketServerLike } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { createPlainHonoApp } from './hono-routes.js'
import { announce, HOST } from './ready.js'

const app = createPlainHonoApp(upgradeWebSocket)
// The cast only bridges @types/ws's optional `noServer` and exactOptionalPropertyTypes.
const wss = new WebSocketServer({ noServer: true }) as unknown as WebSocketServerLike
serve({ fetch: app.fetch, port: 0, hostname: HOST, websocket: { server: wss } }, (info) => announce(info.port))
