import { serve, type ServerType } from '@hono/node-server'
import { createNodeWebSocketServer, type NodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import { openClient, smokeRoutes as routes } from '@wsbridge/conformance'
import { Hono } from 'hono'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import WebSocket from 'ws'

// The setup docs/adapters/hono.md recommends on Node for many idle connections: Hono serves HTTP,
// adapter-node-ws takes the upgrades on the same http.Server, so no Hono Context or Request is
// kept per socket (finding 11 in docs/benchmarks.md). node-server gets no `websocket` option, so
// ours is the server's only upgrade listener.
let server: ServerType
let wss: NodeWebSocketServer<typeof routes>
let port: number
const app = new Hono()
app.get('/api/health', (c) => c.json({ ok: true }))

beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      port = info.port
      resolve()
    })
  })
  wss = createNodeWebSocketServer(routes, { prefix: '/api' })
  wss.attach(server as Parameters<typeof wss.attach>[0])
})
afterAll(async () => {
  await wss.close()
  await new Promise((resolve) => server.close(resolve))
})

test("Hono answers HTTP and adapter-node-ws the WebSocket routes on node-server's server", async () => {
  expect(await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()).toEqual({ ok: true })
  const socket = await openClient(`ws://127.0.0.1:${port}/api/echo`)
  expect(await socket.next()).toEqual({ welcome: 'echo' })
  socket.send({ n: 1 })
  expect(await socket.next()).toEqual({ echo: { n: 1 } })
  socket.close()
  await socket.closed
})

test('an upgrade for a path with no route is answered 404', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const client = new WebSocket(`ws://127.0.0.1:${port}/api/nope`)
    client.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    client.on('open', () => reject(new Error('opened a socket for a path with no route')))
    client.on('error', () => undefined)
  })
  expect(status).toBe(404)
})
