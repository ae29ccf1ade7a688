import { serve, upgradeWebSocket as nodeServerUpgrade, type ServerType, type WebSocketServerLike } from '@hono/node-server'
import { createNodeWebSocket } from '@hono/node-ws'
import { httpServerInstance, type HostInstance } from '@wsbridge/conformance'
import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import type { Bridge } from '@wsbridge/core'
import type { Server } from 'node:http'
import { Hono } from 'hono'
import { WebSocketServer } from 'ws'
import { createHonoWebSocket } from '../src/index.js'
import type { InProcessHost } from './smoke.js'

interface ListenOptions {
  /** node-server 2's built-in WebSocket support. */
  readonly websocket?: { server: WebSocketServerLike }
  /** @hono/node-ws's `injectWebSocket`, given the server before it listens. */
  readonly inject?: (server: ServerType) => void
}

/** Starts a Node HTTP server for `app` on 127.0.0.1 and `port`. */
async function serveApp(app: Hono, port: number, bridge: Bridge, { websocket, inject }: ListenOptions = {}): Promise<HostInstance> {
  const server = await new Promise<ServerType>((resolve, reject) => {
    const created: ServerType = serve({ fetch: app.fetch, port, hostname: '127.0.0.1', ...(websocket ? { websocket } : {}) }, () =>
      resolve(created),
    )
    created.once('error', reject)
    inject?.(created)
  })
  return httpServerInstance(server, { bridge, close: () => bridge.close({ timeout: 1000 }) })
}

/** Hono on @hono/node-server, upgrades through @hono/node-ws (createNodeWebSocket + injectWebSocket). */
export const honoNodeWsHost: InProcessHost = {
  name: 'hono-node-ws',
  async listen(routes, options, port) {
    const app = new Hono()
    const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app })
    const { middleware, bridge, wsServerOptions, guardUpgrades } = createHonoWebSocket(routes, { ...options, upgradeWebSocket })
    // @hono/node-ws builds its WebSocketServer with ws defaults; ws reads these options per upgrade.
    Object.assign(wss.options, wsServerOptions)
    app.get('/health', (c) => c.text('ok'))
    app.get(`${options.prefix}/*`, middleware)
    app.all('*', (c) => c.text('app'))
    return serveApp(app, port, bridge, { inject: (server) => injectWebSocket(guardUpgrades(server)) })
  },
}

/** Hono on @hono/node-server 2 with its built-in `upgradeWebSocket` and a noServer ws server. */
export const honoNodeServerHost: InProcessHost = {
  name: 'hono-node-server',
  async listen(routes, options, port) {
    const app = new Hono()
    const { middleware, bridge, wsServerOptions, guardUpgrades } = createHonoWebSocket(routes, {
      ...options,
      upgradeWebSocket: nodeServerUpgrade,
    })
    app.get('/health', (c) => c.text('ok'))
    app.use(`${options.prefix}/*`, middleware)
    app.all('*', (c) => c.text('app'))
    // The cast: @types/ws types `noServer` as `boolean | undefined`, which exactOptionalPropertyTypes
    // will not match with node-server's `noServer?: boolean`. Same object at runtime.
    return serveApp(app, port, bridge, {
      websocket: { server: new WebSocketServer(wsServerOptions) as WebSocketServerLike },
      inject: guardUpgrades,
    })
  },
}

/**
 * Hono serves HTTP on @hono/node-server; adapter-node-ws takes the upgrades on the same server, so
 * Hono keeps nothing per socket (docs/adapters/hono.md, "Idle memory on Node"). node-server gets
 * no `websocket` option: ours is the server's only upgrade listener.
 */
export const honoNodeServerAttachHost: InProcessHost = {
  name: 'hono-node-server + adapter-node-ws',
  async listen(routes, options, port) {
    const app = new Hono()
    app.get('/health', (c) => c.text('ok'))
    app.all('*', (c) => c.text('app'))
    const wss = createNodeWebSocketServer(routes, options)
    // serve() types its result as any of node's servers; without `createServer` options it is an http.Server.
    return serveApp(app, port, wss.bridge, { inject: (server) => wss.attach(server as Server) })
  },
}
