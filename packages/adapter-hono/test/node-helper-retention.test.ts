import { serve, upgradeWebSocket as nodeServerUpgrade, type ServerType, type WebSocketServerLike } from '@hono/node-server'
import { createNodeWebSocket } from '@hono/node-ws'
import { openClient, smokeRoutes as routes } from '@wsbridge/conformance'
import { Hono, type MiddlewareHandler } from 'hono'
import type { AddressInfo } from 'node:net'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, test } from 'vitest'
import { WebSocketServer } from 'ws'
import { createHonoWebSocket } from '../src/index.js'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Weak references to what a Hono upgrade request consists of: Context, Request, IncomingMessage. */
function watchUpgrades(refs: WeakRef<object>[]): MiddlewareHandler {
  return async (c, next) => {
    const incoming = (c.env as { incoming?: object }).incoming
    refs.push(new WeakRef(c), new WeakRef(c.req.raw))
    if (incoming) refs.push(new WeakRef(incoming))
    await next()
  }
}

async function listen(
  app: Hono,
  setup: { websocket?: { server: WebSocketServerLike }; inject?: (server: ServerType) => void },
): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve) => {
    const server: ServerType = serve(
      { fetch: app.fetch, port: 0, hostname: '127.0.0.1', ...(setup.websocket ? { websocket: setup.websocket } : {}) },
      (info: AddressInfo) => resolve({ server, port: info.port }),
    )
    setup.inject?.(server)
  })
}

const helpers = {
  '@hono/node-server': (app: Hono, refs: WeakRef<object>[]) => {
    const ws = createHonoWebSocket(routes, { prefix: '/api', upgradeWebSocket: nodeServerUpgrade })
    app.get('/api/*', watchUpgrades(refs), ws.middleware)
    return { ws, setup: { websocket: { server: new WebSocketServer(ws.wsServerOptions) as WebSocketServerLike } } }
  },
  '@hono/node-ws': (app: Hono, refs: WeakRef<object>[]) => {
    const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app })
    const ws = createHonoWebSocket(routes, { prefix: '/api', upgradeWebSocket })
    Object.assign(wss.options, ws.wsServerOptions)
    app.get('/api/*', watchUpgrades(refs), ws.middleware)
    return { ws, setup: { inject: injectWebSocket } }
  },
}

// Both helpers' own socket listeners close over the upgrade's Context, Request and IncomingMessage
// (~6 KB per connection); the adapter removes them (adapter-node-ws's src/transport/helper-listeners.ts).
describe.each(Object.entries(helpers))('%s', (_name, mount) => {
  test('an open socket keeps nothing of its upgrade request alive, and still echoes and closes', async () => {
    const refs: WeakRef<object>[] = []
    const app = new Hono()
    const { ws, setup } = mount(app, refs)
    const { server, port } = await listen(app, setup)
    try {
      const socket = await openClient(`ws://127.0.0.1:${port}/api/echo`)
      expect(await socket.next()).toEqual({ welcome: 'echo' })
      socket.send('hello')
      expect(await socket.next()).toEqual({ echo: 'hello' })
      expect(refs).toHaveLength(3)
      // Twice, with a turn between: a WeakRef target is kept until the end of the current job.
      gc()
      await new Promise((resolve) => setTimeout(resolve, 10))
      gc()
      expect(refs.map((ref) => ref.deref() === undefined)).toEqual([true, true, true])
      socket.send('after the collection')
      expect(await socket.next()).toEqual({ echo: 'after the collection' })
      socket.send('close-me')
      expect(await socket.waitClose()).toMatchObject({ code: 4001, reason: 'asked to' })
    } finally {
      await ws.close()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
