import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineRoute, roomTopic, routeTopic } from '../../src/index.js'
import { bridgeOf, connect, settle } from './helpers.js'

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

describe('rooms', () => {
  it('joinRoom, leaveRoom and rooms map onto route-scoped topics', async () => {
    const bridge = bridgeOf(routes)
    const a = await connect(bridge, '/chat')
    a.connection.joinRoom('lobby')
    a.connection.joinRoom('a:b')
    expect([...a.connection.rooms].sort()).toEqual(['a:b', 'lobby'])
    expect(a.connection.topics.has(roomTopic('chat', 'lobby'))).toBe(true)
    expect(bridge.subscriberCount('room:chat:lobby')).toBe(1)
    a.connection.leaveRoom('lobby')
    expect([...a.connection.rooms]).toEqual(['a:b'])
  })

  it('broadcast to several rooms reaches a member of two rooms once; includeSelf adds the sender', async () => {
    const bridge = bridgeOf(routes)
    const [a, b, c, d] = await Promise.all([
      connect(bridge, '/chat'),
      connect(bridge, '/chat'),
      connect(bridge, '/chat'),
      connect(bridge, '/chat'),
    ])
    a.connection.joinRoom('r1')
    b.connection.joinRoom('r1')
    b.connection.joinRoom('r2')
    c.connection.joinRoom('r2')
    expect(a.connection.broadcast({ m: 1 }, { rooms: ['r1', 'r2'] })).toBe(2)
    expect(a.connection.broadcast({ m: 2 }, { rooms: 'r1', includeSelf: true })).toBe(2)
    expect(a.connection.broadcast({ m: 3 }, { rooms: [] })).toBe(0)
    expect(a.messages()).toEqual([{ m: 2 }])
    expect(b.messages()).toEqual([{ m: 1 }, { m: 2 }])
    expect(c.messages()).toEqual([{ m: 1 }])
    expect(d.messages()).toEqual([])
  })

  it('broadcast without rooms reaches the whole route and no other route', async () => {
    const bridge = bridgeOf(routes)
    const [a, b, other] = await Promise.all([connect(bridge, '/chat'), connect(bridge, '/chat'), connect(bridge, '/game')])
    expect(a.connection.broadcast({ all: true })).toBe(1)
    expect(a.connection.broadcast({ all: 'me too' }, { includeSelf: true })).toBe(2)
    expect(b.messages()).toEqual([{ all: true }, { all: 'me too' }])
    expect(a.messages()).toEqual([{ all: 'me too' }])
    expect(other.messages()).toEqual([])
    expect(bridge.publish(routeTopic('game'), 'from http')).toBe(1)
    expect(other.messages()).toEqual(['from http'])
    // The route topic is bookkeeping, not something the user subscribed to.
    expect([...a.connection.topics]).toEqual([])
  })

  it('broadcast from onClose reaches the rest of the route', async () => {
    const bridge = bridgeOf({
      chat: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined, onClose: (c) => void c.broadcast({ left: c.id }) } }),
    })
    const [a, b] = await Promise.all([connect(bridge, '/chat'), connect(bridge, '/chat')])
    a.close()
    await settle()
    expect(b.messages()).toEqual([{ left: a.connection.id }])
  })
})

describe('presence', () => {
  it('lists members and emits join and leave, including on close', async () => {
    const bridge = bridgeOf({
      chat: defineRoute({ kind: 'ws', auth: (req) => ({ name: req.query['name'] ?? '' }), handler: { onMessage: () => undefined } }),
    })
    const events: string[] = []
    const off = bridge.onPresence((e) => {
      if (e.topic.startsWith('room:')) events.push(`${e.type} ${e.topic} ${(e.member.user as { name: string }).name}`)
    })
    const [ann, bob] = await Promise.all([connect(bridge, '/chat?name=ann'), connect(bridge, '/chat?name=bob')])
    ann.connection.joinRoom('lobby')
    bob.connection.joinRoom('lobby')
    expect(bridge.presence(roomTopic('chat', 'lobby'))).toEqual([
      { id: ann.connection.id, user: { name: 'ann' } },
      { id: bob.connection.id, user: { name: 'bob' } },
    ])
    expect(bridge.presence(routeTopic('chat'))).toHaveLength(2)
    bob.close()
    await settle()
    expect(bridge.presence(roomTopic('chat', 'lobby'))).toEqual([{ id: ann.connection.id, user: { name: 'ann' } }])
    off()
    ann.connection.leaveRoom('lobby')
    expect(events).toEqual(['join room:chat:lobby ann', 'join room:chat:lobby bob', 'leave room:chat:lobby bob'])
    expect(bridge.presence(roomTopic('chat', 'lobby'))).toEqual([])
  })

  it('reports a throwing listener and still subscribes', async () => {
    const errors: string[] = []
    const bridge = bridgeOf(routes, { onError: (e) => errors.push(e.code) })
    bridge.onPresence(() => {
      throw new Error('listener bug')
    })
    const a = await connect(bridge, '/chat')
    a.connection.subscribe('t')
    expect(bridge.subscriberCount('t')).toBe(1)
    expect(errors).toContain('PUBSUB_ERROR')
  })
})
