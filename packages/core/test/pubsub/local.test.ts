import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineRoute } from '../../src/index.js'
import { bridgeOf, connect, settle } from './helpers.js'

// Topics on the bridge's own (local) fan-out: who receives a publish, what is encoded and marked
// shared, and what is left once connections go. Rooms are rooms.test.ts's, presence presence.test.ts's.

const routes = {
  chat: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }),
  game: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }),
}

afterEach(() => vi.restoreAllMocks())

describe('topics', () => {
  it('publish excludes the sender unless includeSelf, and counts local deliveries', async () => {
    const bridge = bridgeOf(routes)
    const [a, b, c] = await Promise.all([connect(bridge, '/chat'), connect(bridge, '/chat'), connect(bridge, '/chat')])
    a.connection.subscribe('news')
    b.connection.subscribe('news')
    expect(a.connection.publish('news', { n: 1 })).toBe(1)
    expect(a.connection.publish('news', { n: 2 }, { includeSelf: true })).toBe(2)
    expect(a.messages()).toEqual([{ n: 2 }])
    expect(b.messages()).toEqual([{ n: 1 }, { n: 2 }])
    expect(c.messages()).toEqual([])
    expect([...a.connection.topics]).toEqual(['news'])
    expect(bridge.subscriberCount('news')).toBe(2)
  })

  it('marks fan-out frames as shared with the transport, and a lone send as not shared', async () => {
    const bridge = bridgeOf(routes)
    const [a, b, c] = await Promise.all([connect(bridge, '/chat'), connect(bridge, '/chat'), connect(bridge, '/chat')])
    for (const s of [a, b, c]) s.connection.subscribe('t')
    a.connection.publish('t', { n: 1 })
    bridge.publish('t', { n: 2 })
    a.connection.send({ n: 3 })
    expect([a.shared, b.shared, c.shared]).toEqual([
      [true, false],
      [true, true],
      [true, true],
    ])
  })

  it('leaves the sender out by identity: a fan-out creates no connection ids (they are made on first read)', async () => {
    const bridge = bridgeOf(routes)
    const sockets = await Promise.all([connect(bridge, '/chat'), connect(bridge, '/chat'), connect(bridge, '/chat')])
    for (const s of sockets) s.connection.subscribe('t')
    const ids = vi.spyOn(crypto, 'getRandomValues')
    expect(sockets[0]!.connection.publish('t', { n: 1 })).toBe(2)
    expect(bridge.publish('t', { n: 2 })).toBe(3)
    expect(ids).not.toHaveBeenCalled()
    expect(sockets.map((s) => s.messages().length)).toEqual([1, 2, 2])
  })

  it('bridge.publish reaches every subscriber and encodes once', async () => {
    const bridge = bridgeOf(routes)
    const sockets = await Promise.all([
      connect(bridge, '/chat'),
      connect(bridge, '/chat'),
      connect(bridge, '/chat'),
      connect(bridge, '/chat'),
    ])
    for (const s of sockets) s.connection.subscribe('t')
    const stringify = vi.spyOn(JSON, 'stringify')
    expect(bridge.publish('t', { hello: 'all' })).toBe(4)
    expect(stringify).toHaveBeenCalledTimes(1)
    const bytes = new Uint8Array([1, 2, 3])
    bridge.publish('t', bytes)
    for (const s of sockets) expect(s.frames.at(-1)).toBe(bytes)
  })

  it('unsubscribe stops delivery and close leaves every topic', async () => {
    const bridge = bridgeOf(routes)
    const [a, b] = await Promise.all([connect(bridge, '/chat'), connect(bridge, '/chat')])
    a.connection.subscribe('x')
    b.connection.subscribe('x')
    b.connection.unsubscribe('x')
    expect(bridge.publish('x', 1)).toBe(1)
    a.close()
    b.close()
    await settle()
    expect(bridge.subscriberCount('x')).toBe(0)
    expect(bridge.topicCount).toBe(0)
  })

  it('leaves no topic behind after churn', async () => {
    const bridge = bridgeOf(routes)
    for (let round = 0; round < 5; round++) {
      const sockets = await Promise.all(Array.from({ length: 40 }, (_, i) => connect(bridge, i % 2 ? '/chat' : '/game')))
      sockets.forEach((s, i) => {
        s.connection.subscribe(`t${i % 7}`)
        s.connection.joinRoom(`r${i % 3}`)
        if (i % 5 === 0) s.connection.unsubscribe(`t${i % 7}`)
      })
      expect(bridge.topicCount).toBeGreaterThan(10)
      for (const s of sockets) s.close()
      await settle()
      expect(bridge.topicCount).toBe(0)
      expect(bridge.connections.size).toBe(0)
    }
  })

  it('exposes connections as a view that cannot be mutated', async () => {
    const bridge = bridgeOf(routes)
    const a = await connect(bridge, '/chat')
    expect(bridge.connections.has(a.connection)).toBe(true)
    expect((bridge.connections as unknown as { add?: unknown }).add).toBeUndefined()
    expect((bridge.connections as unknown as { delete?: unknown }).delete).toBeUndefined()
  })
})
