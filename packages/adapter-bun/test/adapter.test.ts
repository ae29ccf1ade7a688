import {
  expectOversizedFrameRejected,
  openClient,
  rawUpgradeRequest,
  smokeCloses,
  smokeRoutes as routes,
  smokeTests,
} from '@wsbridge/conformance'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createBunWebSocket } from '../src/index.js'

describe('createBunWebSocket on Bun.serve', () => {
  const adapter = createBunWebSocket(routes, {
    prefix: '/api',
    fallback: (request) =>
      new URL(request.url).pathname === '/health' ? Response.json({ ok: true }) : new Response('nope', { status: 418 }),
  })
  const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: adapter.fetch, websocket: adapter.websocket })
  const wsUrl = `ws://127.0.0.1:${server.port}`
  const httpUrl = `http://127.0.0.1:${server.port}`
  beforeAll(() => smokeCloses.splice(0))
  afterAll(async () => {
    await adapter.close()
    await server.stop(true)
  })

  test('the fallback answers plain HTTP requests, including on a route path', async () => {
    expect(await (await fetch(`${httpUrl}/health`)).json()).toEqual({ ok: true })
    expect((await fetch(`${httpUrl}/api/echo`)).status).toBe(418)
  })

  test("an upgrade for an unknown path under the prefix is the bridge's 404; plain requests and upgrades elsewhere go to the fallback", async () => {
    const refused = await rawUpgradeRequest(httpUrl, '/api/missing')
    expect({ status: refused.status, body: refused.body }).toEqual({ status: 404, body: 'Not found' })
    expect((await fetch(`${httpUrl}/api/missing`)).status).toBe(418)
    expect((await rawUpgradeRequest(httpUrl, '/elsewhere')).status).toBe(418)
  })

  test('without a fallback, non-ws requests get 404', async () => {
    const bare = createBunWebSocket(routes, { prefix: '/api' })
    const other = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: bare.fetch, websocket: bare.websocket })
    try {
      expect((await fetch(`http://127.0.0.1:${other.port}/health`)).status).toBe(404)
      expect((await rawUpgradeRequest(`http://127.0.0.1:${other.port}`, '/api/missing')).status).toBe(404)
    } finally {
      await other.stop(true)
    }
  })

  smokeTests(() => ({ wsUrl, httpUrl }))

  test('binary frames round trip as binary', async () => {
    const socket = await openClient(`${wsUrl}/api/echo`)
    await socket.next()
    socket.sendBinary(new Uint8Array([0, 1, 2, 255]))
    expect(await socket.next()).toEqual(new Uint8Array([0, 1, 2, 255]))
    socket.close()
  })

  test('close() sends 1001 to every open connection', async () => {
    const own = createBunWebSocket(routes, { prefix: '/api' })
    const other = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: own.fetch, websocket: own.websocket })
    const socket = await openClient(`ws://127.0.0.1:${other.port}/api/echo`)
    await own.close()
    expect((await socket.closed).code).toBe(1001)
    expect(own.bridge.connections.size).toBe(0)
    // The Bun server keeps running after close(); the adapter refuses upgrades from then on.
    expect((await rawUpgradeRequest(`http://127.0.0.1:${other.port}`, '/api/echo')).status).toBe(503)
    expect(own.bridge.connections.size).toBe(0)
    await other.stop(true)
  })
})

describe('payload limit', () => {
  test("Bun's own 1009 for an oversized frame reaches the bridge's onError as PAYLOAD_TOO_LARGE", async () => {
    const errors: string[] = []
    const adapter = createBunWebSocket(routes, { prefix: '/api', maxPayloadLength: 1024, onError: (error) => void errors.push(error.code) })
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: adapter.fetch, websocket: adapter.websocket })
    try {
      await expectOversizedFrameRejected(`ws://127.0.0.1:${server.port}/api/echo`, errors)
    } finally {
      await adapter.close()
      await server.stop(true)
    }
  })
})
