// The chat on Hono under Node, with @hono/node-server 2's built-in WebSocket support:
// `npm run start:hono-node`.
import type { Server } from 'node:http'
import { createAdaptorServer, upgradeWebSocket, type WebSocketServerLike } from '@hono/node-server'
import { createHonoWebSocket } from '@wsbridge/adapter-hono'
import { Hono } from 'hono'
import { WebSocketServer } from 'ws'
import { setupChat } from './server/bootstrap.js'
import { listenNode } from './server/node-listen.js'
import { pageResponse } from './server/page.js'

const { config, bridge, page } = await setupChat('hono-node')
const { middleware, wsServerOptions, guardUpgrades } = createHonoWebSocket(bridge, { upgradeWebSocket })
const app = new Hono()
app.get('/api/*', middleware)
app.get('*', (c) => pageResponse(page, c.req.raw) ?? c.notFound())

// createAdaptorServer is serve() without listen(), so the shared helper starts it like the others.
// wsServerOptions carries the bridge's limits (max payload, fragments, compression) to ws, in noServer mode.
const websocketServer = new WebSocketServer(wsServerOptions) as WebSocketServerLike
// guardUpgrades answers every upgrade socket nobody took within handshakeTimeout (node-server ignores some).
const server = guardUpgrades(createAdaptorServer({ fetch: app.fetch, websocket: { server: websocketServer } }))
listenNode('hono-node', server as Server, bridge, config)
