// The game on Hono under Node, with @hono/node-server 2's built-in WebSocket support:
// `npm run start:hono-node`.
import type { Server } from 'node:http'
import { createAdaptorServer, upgradeWebSocket, type WebSocketServerLike } from '@hono/node-server'
import { createHonoWebSocket } from '@wsbridge/adapter-hono'
import { Hono } from 'hono'
import { WebSocketServer } from 'ws'

import { pageOrNotFound } from './server/page.js'
import { listenNode, readEnv, setupGame } from './server/setup.js'

const { port, hostname, options } = readEnv(process.env)
const setup = await setupGame(options)
const { middleware, wsServerOptions, guardUpgrades } = createHonoWebSocket(setup.bridge, { upgradeWebSocket })
const app = new Hono()
app.get('/api/*', middleware)
app.get('*', (c) => pageOrNotFound(setup.page, c.req.raw))

// wsServerOptions carries the bridge's limits to ws (noServer mode); guardUpgrades answers every
// upgrade socket nobody took within the handshake timeout.
const websocketServer = new WebSocketServer(wsServerOptions) as WebSocketServerLike
const server = guardUpgrades(createAdaptorServer({ fetch: app.fetch, websocket: { server: websocketServer } }))
listenNode('hono-node', server as Server, setup, port, hostname)
