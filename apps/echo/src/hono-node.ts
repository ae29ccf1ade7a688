// The echo sample on Hono under Node, with @hono/node-server 2's built-in WebSocket support:
// `npm run start:hono-node`.
import type { Server } from 'node:http'
import { createAdaptorServer, upgradeWebSocket, type WebSocketServerLike } from '@hono/node-server'
import { createHonoWebSocket } from '@wsbridge/adapter-hono'
import { pageOrNotFound } from '@wsbridge/app-kit/page'
import { listenNode } from '@wsbridge/app-kit/serve'
import { Hono } from 'hono'
import { WebSocketServer } from 'ws'
import { announce, readEnv, setupEcho } from './server/setup.js'

const { port, hostname } = readEnv(process.env)
const { bridge, page } = await setupEcho()
const { middleware, wsServerOptions, guardUpgrades } = createHonoWebSocket(bridge, { upgradeWebSocket })
const app = new Hono()
app.get('/api/*', middleware)
app.get('*', (c) => pageOrNotFound(page, c.req.raw))

// wsServerOptions carries the bridge's limits to ws (noServer mode); guardUpgrades answers every
// upgrade socket nobody took within the handshake timeout.
const websocketServer = new WebSocketServer(wsServerOptions) as WebSocketServerLike
const server = guardUpgrades(createAdaptorServer({ fetch: app.fetch, websocket: { server: websocketServer } }))
listenNode(
  'echo',
  server as Server,
  port,
  hostname,
  (listening) => announce('hono-node', hostname, listening),
  () => bridge.close({ timeout: 2000 }),
)
