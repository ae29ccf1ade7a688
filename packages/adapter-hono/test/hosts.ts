import { serve, upgradeWebSocket as nodeServerUpgrade, type ServerType, type WebSocketServerLike } from '@hono/node-server'
import { createNodeWebSocket } from '@hono/node-ws'
import type { ConformanceHost, RunningHost } from '@wsbridge/conformance'
import { Hono } from 'hono'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { createHonoWebSocket } from '../src/index.js'

/** Starts a Node HTTP server for `app` on 127.0.0.1 and an ephemeral port. */
function listen(app: Hono, websocket?: { server: WebSocketServerLike }): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', ...(websocket ? { websocket } : {}) }, (info: AddressInfo) => resolve({ server, port: info.port }))
  })
}

function running(port: number, server: ServerType, bridge: RunningHost['bridge']): RunningHost {
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    bridge,
    async close() {
      await bridge.close({ timeout: 1000 })
      await new Promise<void>((resolve) => {
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
        server.close(() => resolve())
      })
    },
  }
}

const capabilities = { nativePubSub: false, httpRoutes: true }
const reasons = { nativePubSub: 'Node has no native pub/sub: core fans out to each subscriber' }

/** Hono on @hono/node-server, upgrades through @hono/node-ws (createNodeWebSocket + injectWebSocket). */
export const honoNodeWsHost: ConformanceHost = {
  name: 'hono-node-ws',
  capabilities,
  reasons,
  async start(routes, options) {
    const app = new Hono()
    const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app })
    const { middleware, bridge, wsServerOptions } = createHonoWebSocket(routes, { ...options, upgradeWebSocket })
    // @hono/node-ws builds its WebSocketServer with ws defaults; ws reads these options per upgrade.
    Object.assign(wss.options, wsServerOptions)
    app.get('/health', (c) => c.text('ok'))
    app.get(`${options.prefix}/*`, middleware)
    const { server, port } = await listen(app)
    injectWebSocket(server)
    return running(port, server, bridge)
  },
}

/** Hono on @hono/node-server 2 with its built-in `upgradeWebSocket` and a noServer ws server. */
export const honoNodeServerHost: ConformanceHost = {
  name: 'hono-node-server',
  capabilities,
  reasons,
  async start(routes, options) {
    const app = new Hono()
    const { middleware, bridge, wsServerOptions } = createHonoWebSocket(routes, { ...options, upgradeWebSocket: nodeServerUpgrade })
    app.get('/health', (c) => c.text('ok'))
    app.use(`${options.prefix}/*`, middleware)
    // The cast: @types/ws types `noServer` as `boolean | undefined`, which exactOptionalPropertyTypes
    // will not match with node-server's `noServer?: boolean`. Same object at runtime.
    const { server, port } = await listen(app, { server: new WebSocketServer(wsServerOptions) as WebSocketServerLike })
    return running(port, server, bridge)
  },
}
