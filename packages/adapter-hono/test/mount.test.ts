import { serve, type ServerType } from '@hono/node-server'
import { createNodeWebSocket } from '@hono/node-ws'
import { openClient, smokeRoutes as routes } from '@wsbridge/conformance'
import { Hono } from 'hono'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createHonoWebSocket } from '../src/index.js'

// The documented mount form `app.use('/api/:route', middleware)`, next to a plain HTTP route on
// the same path pattern: non-upgrade requests must fall through to it.
let server: ServerType
let port: number
const app = new Hono()
const { injectWebSocket, upgradeWebSocket } = createNodeWebSocket({ app })
const { middleware, close } = createHonoWebSocket(routes, { prefix: '/api', upgradeWebSocket })
app.use('/api/:route', middleware)
app.get('/api/:route', (c) => c.json({ http: c.req.param('route') }))

beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      port = info.port
      resolve()
    })
  })
  injectWebSocket(server)
})
afterAll(async () => {
  await close()
  await new Promise((resolve) => server.close(resolve))
})

test("app.use('/api/:route') upgrades route paths and lets plain GETs reach the app's handler", async () => {
  expect(await (await fetch(`http://127.0.0.1:${port}/api/echo`)).json()).toEqual({ http: 'echo' })
  const socket = await openClient(`ws://127.0.0.1:${port}/api/echo`)
  expect(await socket.next()).toEqual({ welcome: 'echo' })
  socket.close()
  await socket.closed
})
