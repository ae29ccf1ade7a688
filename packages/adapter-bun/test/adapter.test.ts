import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createBunWebSocket } from '../src/index.js'
import { closes, routes } from './routes.js'
import { openSocket, rawUpgrade } from './socket.js'

describe('createBunWebSocket on Bun.serve', () => {
  const adapter = createBunWebSocket(routes, {
    prefix: '/api',
    fallback: (request) => (new URL(request.url).pathname === '/health' ? Response.json({ ok: true }) : new Response('nope', { status: 418 })),
  })
  const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: adapter.fetch, websocket: adapter.websocket })
  const base = `ws://127.0.0.1:${server.port}/api`
  beforeAll(() => closes.splice(0))
  afterAll(async () => {
    await adapter.close()
    await server.stop(true)
  })

  test('the fallback answers plain HTTP requests, including on a route path', async () => {
    expect(await (await fetch(`http://127.0.0.1:${server.port}/health`)).json()).toEqual({ ok: true })
    expect((await fetch(`http://127.0.0.1:${server.port}/api/echo`)).status).toBe(418)
  })

  test('an upgrade for an unknown path goes to the fallback, not to a socket', async () => {
    expect((await rawUpgrade(server.port!, '/api/missing')).status).toBe(418)
  })

  test('without a fallback, non-ws requests get 404', async () => {
    const bare = createBunWebSocket(routes, { prefix: '/api' })
    const other = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: bare.fetch, websocket: bare.websocket })
    try {
      expect((await fetch(`http://127.0.0.1:${other.port}/health`)).status).toBe(404)
      expect((await rawUpgrade(other.port!, '/api/missing')).status).toBe(404)
    } finally {
      await other.stop(true)
    }
  })

  test('echo round trip, welcome first, and a message sent in the open callback is not lost', async () => {
    const socket = await openSocket(`${base}/echo`, { onOpen: (ws) => ws.send(JSON.stringify('early')) })
    expect(await socket.next()).toEqual({ welcome: 'echo' })
    expect(await socket.next()).toEqual({ echo: 'early' })
    socket.send({ n: 1 })
    expect(await socket.next()).toEqual({ echo: { n: 1 } })
    socket.ws.close()
    await socket.closed
  })

  test('binary frames round trip as binary', async () => {
    const socket = await openSocket(`${base}/echo`)
    await socket.next()
    socket.ws.send(new Uint8Array([0, 1, 2, 255]))
    expect(await socket.next()).toEqual(new Uint8Array([0, 1, 2, 255]))
    socket.ws.close()
  })

  test('params, query, ip and headers reach the connection', async () => {
    const socket = await openSocket(`${base}/who/ada?x=1`, { headers: { 'x-test': 'yes' } })
    expect(await socket.next()).toEqual({ params: { name: 'ada' }, query: { x: '1' }, ip: '127.0.0.1', header: 'yes', scheme: 'ws:' })
    socket.ws.close()
  })

  test('the real close codes and reasons travel both ways', async () => {
    const serverSide = await openSocket(`${base}/echo`)
    await serverSide.next()
    serverSide.send('close-me')
    expect(await serverSide.closed).toEqual({ code: 4001, reason: 'asked to' })

    const clientSide = await openSocket(`${base}/echo`)
    await clientSide.next()
    clientSide.ws.close(4321, 'client leaving')
    await clientSide.closed
    await Bun.sleep(20)
    expect(closes).toContainEqual({ route: 'echo', code: 4321, reason: 'client leaving' })
  })

  test('auth rejections are HTTP statuses before the upgrade; accepted users reach the socket', async () => {
    expect((await rawUpgrade(server.port!, '/api/secret')).status).toBe(401)
    expect((await rawUpgrade(server.port!, '/api/secret?token=banned')).status).toBe(403)
    const socket = await openSocket(`${base}/secret?token=good`)
    expect(await socket.next()).toEqual({ user: { name: 'ada' } })
    socket.ws.close()
  })

  test('the first offered subprotocol is echoed', async () => {
    const socket = await openSocket(`${base}/echo`, { protocols: ['chat.v2', 'chat.v1'] })
    expect(socket.protocol).toBe('chat.v2')
    socket.ws.close()
  })

  test('close() sends 1001 to every open connection', async () => {
    const own = createBunWebSocket(routes, { prefix: '/api' })
    const other = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: own.fetch, websocket: own.websocket })
    const socket = await openSocket(`ws://127.0.0.1:${other.port}/api/echo`)
    await own.close()
    expect((await socket.closed).code).toBe(1001)
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
      const socket = await openSocket(`ws://127.0.0.1:${server.port}/api/echo`)
      await socket.next()
      socket.ws.send(new Uint8Array(4096))
      expect((await socket.closed).code).toBe(1009)
      await Bun.sleep(20)
      expect(errors).toEqual(['PAYLOAD_TOO_LARGE'])
    } finally {
      await adapter.close()
      await server.stop(true)
    }
  })
})
