import { defineRoute, routeTopic } from '@wsbridge/core'
import { openClient } from '@wsbridge/conformance'
import { afterAll, describe, expect, test } from 'vitest'
import { createBunWebSocket } from '../src/index.js'

const routes = {
  room: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => connection.subscribe('news'),
      onMessage: (message, connection) => {
        const { includeSelf } = message as { includeSelf?: boolean }
        connection.publish('news', { from: connection.id, includeSelf: includeSelf === true }, includeSelf ? { includeSelf: true } : {})
      },
    },
  }),
}

// Proves the fan-out really goes through Bun (its own subscriber counts move with core's index),
// while core's semantics hold: the sender is excluded unless includeSelf, bridge.publish reaches all.
describe("Bun's native pub/sub through core's NativePubSub hook", () => {
  const adapter = createBunWebSocket(routes, { prefix: '/api' })
  const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: adapter.fetch, websocket: adapter.websocket })
  afterAll(async () => {
    await adapter.close()
    await server.stop(true)
  })

  test('subscriptions are native, delivery keeps includeSelf semantics, and close unsubscribes', async () => {
    const url = `ws://127.0.0.1:${server.port}/api/room`
    const a = await openClient(url)
    const b = await openClient(url)
    const until = async (condition: () => boolean): Promise<void> => {
      for (let i = 0; i < 200 && !condition(); i++) await Bun.sleep(5)
    }
    await until(() => adapter.bridge.subscriberCount('news') === 2)
    expect(server.subscriberCount('news')).toBe(2)
    // The route's broadcast topic goes native at its first broadcast (no ~200 B per idle socket before).
    expect(adapter.bridge.subscriberCount(routeTopic('room'))).toBe(2)
    expect(server.subscriberCount(routeTopic('room'))).toBe(0)
    expect(adapter.bridge.publish(routeTopic('room'), 'everyone')).toBe(2)
    expect(server.subscriberCount(routeTopic('room'))).toBe(2)
    expect(await a.next()).toBe('everyone')
    expect(await b.next()).toBe('everyone')
    const c = await openClient(url)
    await until(() => server.subscriberCount(routeTopic('room')) === 3)
    expect(server.subscriberCount(routeTopic('room'))).toBe(3)
    c.close()

    a.send({ includeSelf: false })
    const fromA = (await b.next()) as { from: string }
    a.send({ includeSelf: true })
    expect(await a.next()).toEqual({ from: fromA.from, includeSelf: true })
    expect(await b.next()).toEqual({ from: fromA.from, includeSelf: true })

    expect(adapter.bridge.publish('news', 'all')).toBe(2)
    expect(await a.next()).toBe('all')
    expect(await b.next()).toBe('all')

    b.close()
    await until(() => adapter.bridge.subscriberCount('news') === 1)
    expect(server.subscriberCount('news')).toBe(1)
    a.close()
    await until(() => adapter.bridge.topicCount === 0)
    expect(adapter.bridge.topicCount).toBe(0)
    expect(server.subscriberCount('news')).toBe(0)
  })
})

describe('one adapter behind two Bun servers', () => {
  test("a publish reaches the subscribers of both servers (Bun's topics are per server), counted once each", async () => {
    const adapter = createBunWebSocket(routes, { prefix: '/api' })
    const servers = [0, 1].map(() => Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: adapter.fetch, websocket: adapter.websocket }))
    try {
      const [a, b, c] = await Promise.all([0, 1, 1].map((i) => openClient(`ws://127.0.0.1:${servers[i]!.port}/api/room`)))
      for (let i = 0; i < 200 && adapter.bridge.subscriberCount('news') < 3; i++) await Bun.sleep(5)
      expect(servers.map((server) => server.subscriberCount('news'))).toEqual([1, 2])
      expect(adapter.bridge.publish('news', 'both')).toBe(3)
      for (const client of [a, b, c]) expect(await client!.next()).toBe('both')
      b!.send({ includeSelf: false })
      const fromB = (await a!.next()) as { from: string }
      expect(await c!.next()).toEqual(fromB)
      for (const client of [a, b, c]) client!.close()
    } finally {
      await adapter.close()
      for (const server of servers) await server.stop(true)
    }
  })
})
