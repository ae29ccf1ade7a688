import { expectOversizedFrameRejected, openClient, smokeRoutes as routes } from '@wsbridge/conformance'
import { defineRoute } from '@wsbridge/core'
import { Hono } from 'hono'
import { upgradeWebSocket, websocket } from 'hono/bun'
import { describe, expect, test } from 'vitest'
import { createHonoWebSocket } from '../src/index.js'
import { describeSmoke } from '../test/smoke.js'
import { honoBunHost } from './host.js'

describeSmoke(honoBunHost)

describe("hono/bun's websocket without bunWebSocket()", () => {
  test('core sends no pings it cannot see answered, so a live peer is not dropped by the heartbeat', async () => {
    const app = new Hono()
    const ws = createHonoWebSocket(routes, { prefix: '/api', upgradeWebSocket, heartbeat: 50 })
    app.use('/api/*', ws.middleware)
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: app.fetch, websocket })
    try {
      const socket = await openClient(`ws://127.0.0.1:${server.port}/api/echo`)
      expect(await socket.next()).toEqual({ welcome: 'echo' })
      await Bun.sleep(300)
      socket.send('still here')
      expect(await socket.next()).toEqual({ echo: 'still here' })
      socket.close()
    } finally {
      await ws.close()
      await server.stop(true)
    }
  })
})

describe('bunWebSocket()', () => {
  test("carries the bridge's limits, turns Bun's own timers off and keeps the handler's own pong", () => {
    const seen: string[] = []
    const ws = createHonoWebSocket(routes, { upgradeWebSocket, maxPayloadLength: 4096, compression: true })
    const handler = ws.bunWebSocket({ ...websocket, pong: () => void seen.push('user pong') })
    expect(handler).toMatchObject({ maxPayloadLength: 4096, perMessageDeflate: true, idleTimeout: 0, sendPings: false })
    expect(handler.open).toBe(websocket.open)
    handler.pong({ data: { events: {} } } as never, new Uint8Array())
    expect(seen).toEqual(['user pong'])
  })
})

describe('bunWebSocket() beside plain Hono WebSocket routes', () => {
  test("wsbridge's messages skip hono/bun's event objects; a plain Hono route on the same server still gets its own", async () => {
    const app = new Hono()
    const ws = createHonoWebSocket(routes, { prefix: '/api', upgradeWebSocket })
    app.use('/api/*', ws.middleware)
    app.get(
      '/plain',
      upgradeWebSocket(() => ({
        onMessage: (event, socket) => socket.send(`plain got ${String(event.data)}`),
      })),
    )
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: app.fetch, websocket: ws.bunWebSocket(websocket) })
    try {
      const bridged = await openClient(`ws://127.0.0.1:${server.port}/api/echo`)
      expect(await bridged.next()).toEqual({ welcome: 'echo' })
      bridged.send('hello')
      expect(await bridged.next()).toEqual({ echo: 'hello' })
      const plain = new WebSocket(`ws://127.0.0.1:${server.port}/plain`)
      const reply = new Promise<string>((resolve) => (plain.onmessage = (event) => resolve(String(event.data))))
      await new Promise((resolve) => (plain.onopen = resolve))
      plain.send('hi')
      expect(await reply).toBe('plain got hi')
      plain.close()
      bridged.close()
    } finally {
      await ws.close()
      await server.stop(true)
    }
  })
})

describe("Bun's native pub/sub through hono/bun's raw socket", () => {
  test('subscriptions are native, the sender is excluded unless includeSelf, bridge.publish reaches all', async () => {
    const newsRoutes = {
      room: defineRoute({
        kind: 'ws',
        handler: {
          onOpen: (connection) => connection.subscribe('news'),
          onMessage: (message, connection) => {
            const includeSelf = (message as { includeSelf?: boolean }).includeSelf === true
            connection.publish('news', { includeSelf }, { includeSelf })
          },
        },
      }),
    }
    const app = new Hono()
    const ws = createHonoWebSocket(newsRoutes, { prefix: '/api', upgradeWebSocket })
    app.get('/api/*', ws.middleware)
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: app.fetch, websocket: ws.bunWebSocket(websocket) })
    try {
      const a = await openClient(`ws://127.0.0.1:${server.port}/api/room`)
      const b = await openClient(`ws://127.0.0.1:${server.port}/api/room`)
      for (let i = 0; i < 100 && ws.bridge.subscriberCount('news') < 2; i++) await Bun.sleep(5)
      expect(server.subscriberCount('news')).toBe(2)
      a.send({ includeSelf: false })
      expect(await b.next()).toEqual({ includeSelf: false })
      a.send({ includeSelf: true })
      expect(await a.next()).toEqual({ includeSelf: true })
      expect(await b.next()).toEqual({ includeSelf: true })
      expect(ws.bridge.publish('news', 'all')).toBe(2)
      expect(await a.next()).toBe('all')
      expect(await b.next()).toBe('all')
      a.close()
      b.close()
      for (let i = 0; i < 100 && ws.bridge.topicCount > 0; i++) await Bun.sleep(5)
      expect(server.subscriberCount('news')).toBe(0)
    } finally {
      await ws.close()
      await server.stop(true)
    }
  })
})

describe('payload limit on hono/bun', () => {
  test("Bun's own 1009 for an oversized frame reaches the bridge's onError as PAYLOAD_TOO_LARGE", async () => {
    const errors: string[] = []
    const app = new Hono()
    const ws = createHonoWebSocket(routes, {
      prefix: '/api',
      upgradeWebSocket,
      maxPayloadLength: 1024,
      onError: (error) => void errors.push(error.code),
    })
    app.get('/api/*', ws.middleware)
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: app.fetch, websocket: ws.bunWebSocket(websocket) })
    try {
      await expectOversizedFrameRejected(`ws://127.0.0.1:${server.port}/api/echo`, errors)
    } finally {
      await ws.close()
      await server.stop(true)
    }
  })
})
