import { describe, expect, it } from 'vitest'
import { createMemoryPubSubBus, defineRoute, roomTopic, routeTopic, type PubSubDriver } from '../../src/index.js'
import { bridgeOf, connect, NativeTopics, settle } from './helpers.js'

const routes = { chat: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }) }

describe('native pub/sub (Bun model)', () => {
  it('keeps includeSelf and bridge.publish semantics with one runtime call per publish', async () => {
    const bridge = bridgeOf(routes)
    const native = new NativeTopics()
    const [a, b, c] = await Promise.all([
      connect(bridge, '/chat', native),
      connect(bridge, '/chat', native),
      connect(bridge, '/chat', native),
    ])
    for (const s of [a, b, c]) s.connection.subscribe('t')
    expect(a.connection.publish('t', 'x')).toBe(2)
    expect(a.connection.publish('t', 'self', { includeSelf: true })).toBe(3)
    expect(bridge.publish('t', 'all')).toBe(3)
    expect(native.publishCalls).toBe(3)
    expect(a.messages()).toEqual(['self', 'all'])
    expect(b.messages()).toEqual(['x', 'self', 'all'])
    expect(c.messages()).toEqual(['x', 'self', 'all'])
  })

  it('mixes native and plain sockets, and stops native delivery after unsubscribe', async () => {
    const bridge = bridgeOf(routes)
    const native = new NativeTopics()
    const [a, b, plain] = await Promise.all([connect(bridge, '/chat', native), connect(bridge, '/chat', native), connect(bridge, '/chat')])
    for (const s of [a, b, plain]) s.connection.subscribe('t')
    plain.connection.publish('t', 1)
    b.connection.unsubscribe('t')
    a.connection.publish('t', 2)
    expect(a.messages()).toEqual([1])
    expect(b.messages()).toEqual([1])
    expect(plain.messages()).toEqual([2])
  })

  it("subscribes the route's broadcast topic natively only at its first broadcast", async () => {
    const bridge = bridgeOf(routes)
    const native = new NativeTopics()
    const [a, b] = await Promise.all([connect(bridge, '/chat', native), connect(bridge, '/chat', native)])
    const topic = routeTopic('chat')
    expect(bridge.subscriberCount(topic)).toBe(2)
    expect(native.count(topic)).toBe(0)
    expect(a.connection.broadcast('hi')).toBe(1)
    expect(native.count(topic)).toBe(2)
    expect(native.publishCalls).toBe(1)
    expect(b.messages()).toEqual(['hi'])
    // Once live, a newcomer subscribes natively at once; leaving unsubscribes natively.
    const c = await connect(bridge, '/chat', native)
    expect(native.count(topic)).toBe(3)
    c.close()
    await settle()
    expect(bridge.subscriberCount(topic)).toBe(2)
    // A socket of another route that subscribes to the topic by name brings the deferred members along.
    const otherNative = new NativeTopics()
    const other = bridgeOf({ ...routes, lobby: routes.chat })
    const [d, e] = await Promise.all([connect(other, '/chat', otherNative), connect(other, '/chat', otherNative)])
    const visitor = await connect(other, '/lobby', otherNative)
    expect(otherNative.count(topic)).toBe(0)
    visitor.connection.subscribe(topic)
    expect(otherNative.count(topic)).toBe(3)
    expect(visitor.connection.publish(topic, 'hello chat')).toBe(2)
    expect(d.messages()).toEqual(['hello chat'])
    expect(e.messages()).toEqual(['hello chat'])
  })

  it('falls back to per-socket sends once a native subscriber reaches its backpressure limit', async () => {
    const bridge = bridgeOf(routes, { backpressureLimit: 100, backpressurePolicy: 'drop' })
    const native = new NativeTopics()
    // The slow client reads nothing: everything sent to it stays in its buffer, as on a real socket.
    const slowFrames: { frames: (string | Uint8Array)[] } = { frames: [] }
    const [a, b, slow] = await Promise.all([
      connect(bridge, '/chat', native),
      connect(bridge, '/chat', native),
      connect(bridge, '/chat', native, () => slowFrames.frames.reduce((sum, f) => sum + f.length, 0)),
    ])
    slowFrames.frames = slow.frames
    for (const s of [a, b, slow]) s.connection.subscribe('t')
    const text = 'x'.repeat(30)
    for (let i = 0; i < 6; i++) bridge.publish('t', `${text}${i}`)
    expect(b.messages()).toHaveLength(6)
    // 4 frames of 33 bytes put the slow buffer at 132 >= 100: every later frame met the 'drop'
    // policy instead of being queued by the runtime's fan-out.
    expect(slow.messages()).toEqual([0, 1, 2, 3].map((i) => `${text}${i}`))
    expect(native.publishCalls).toBeLessThan(6)
  })

  it("reads subscribers' buffers once while the bytes sent since stay below every headroom", async () => {
    const bridge = bridgeOf(routes, { backpressureLimit: 64 * 1024 })
    const native = new NativeTopics()
    let reads = 0
    const counted = (): number => {
      reads++
      return 0
    }
    const sockets = await Promise.all(Array.from({ length: 10 }, () => connect(bridge, '/chat', native, counted)))
    for (const s of sockets) s.connection.subscribe('t')
    for (let i = 0; i < 100; i++) sockets[i % 10]!.connection.publish('t', i)
    expect(native.publishCalls).toBe(100)
    expect(reads).toBe(10)
    // A frame that could take the rest of the headroom makes the next publish check again.
    sockets[0]!.connection.publish('t', 'y'.repeat(30 * 1024))
    sockets[0]!.connection.publish('t', 'z')
    expect(reads).toBe(20)
    // So does a new subscriber, whose buffer was never read.
    const late = await connect(bridge, '/chat', native, counted)
    late.connection.subscribe('t')
    sockets[1]!.connection.publish('t', 'after join')
    expect(reads).toBe(31)
    expect(late.messages()).toEqual(['after join'])
  })
})

describe('memory bus driver', () => {
  it('links bridges: remote subscribers get each message once, never the sender, never a double echo', async () => {
    const bus = createMemoryPubSubBus()
    const one = bridgeOf(routes, { pubsub: bus.driver() })
    const two = bridgeOf(routes, { pubsub: bus.driver() })
    const [a, a2] = await Promise.all([connect(one, '/chat'), connect(one, '/chat')])
    const [b] = await Promise.all([connect(two, '/chat')])
    for (const s of [a, a2, b]) s.connection.joinRoom('lobby')
    a.connection.broadcast({ m: 'hi' }, { rooms: 'lobby' })
    a.connection.broadcast({ m: 'self' }, { rooms: 'lobby', includeSelf: true })
    two.publish(roomTopic('chat', 'lobby'), { m: 'http' })
    await settle()
    expect(a.messages()).toEqual([{ m: 'self' }, { m: 'http' }])
    expect(a2.messages()).toEqual([{ m: 'hi' }, { m: 'self' }, { m: 'http' }])
    // Local delivery is immediate, remote after the hop: order is kept per publisher only.
    expect(b.messages()).toEqual([{ m: 'http' }, { m: 'hi' }, { m: 'self' }])
  })

  it('deduplicates a multi-room broadcast on the receiving instance', async () => {
    const bus = createMemoryPubSubBus()
    const one = bridgeOf(routes, { pubsub: bus.driver() })
    const two = bridgeOf(routes, { pubsub: bus.driver() })
    const a = await connect(one, '/chat')
    const [both, onlyR2] = await Promise.all([connect(two, '/chat'), connect(two, '/chat')])
    both.connection.joinRoom('r1')
    both.connection.joinRoom('r2')
    onlyR2.connection.joinRoom('r2')
    a.connection.broadcast('x', { rooms: ['r1', 'r2'] })
    a.connection.broadcast('everyone')
    await settle()
    expect(both.messages()).toEqual(['x', 'everyone'])
    expect(onlyR2.messages()).toEqual(['x', 'everyone'])
  })

  it('shares presence across bridges through clusterPresence', async () => {
    const bus = createMemoryPubSubBus()
    const one = bridgeOf(routes, { pubsub: bus.driver() })
    const two = bridgeOf(routes, { pubsub: bus.driver() })
    const [a, b] = await Promise.all([connect(one, '/chat'), connect(two, '/chat')])
    a.connection.joinRoom('lobby')
    b.connection.joinRoom('lobby')
    const topic = roomTopic('chat', 'lobby')
    expect(one.presence(topic).map((m) => m.id)).toEqual([a.connection.id])
    expect((await one.clusterPresence(topic)).map((m) => m.id).sort()).toEqual([a.connection.id, b.connection.id].sort())
    b.close()
    await settle()
    expect((await one.clusterPresence(topic)).map((m) => m.id)).toEqual([a.connection.id])
  })

  it('refuses to serve two bridges with one driver', () => {
    const driver = createMemoryPubSubBus().driver()
    bridgeOf(routes, { pubsub: driver })
    expect(() => bridgeOf(routes, { pubsub: driver })).toThrow(/one bridge/)
  })

  it('reports driver failures to the error hook without breaking publish', async () => {
    const errors: unknown[] = []
    const broken: PubSubDriver = {
      name: 'broken',
      start: () => undefined,
      subscribe: () => {
        throw new Error('backend down')
      },
      unsubscribe: () => undefined,
      publish: () => {
        throw new Error('backend down')
      },
      close: async () => undefined,
    }
    const bridge = bridgeOf(routes, { pubsub: broken, onError: (e) => errors.push(e.code) })
    const [a, b] = await Promise.all([connect(bridge, '/chat'), connect(bridge, '/chat')])
    b.connection.subscribe('t')
    expect(a.connection.publish('t', 'still local')).toBe(1)
    expect(b.messages()).toEqual(['still local'])
    expect(errors.length).toBeGreaterThan(0)
    expect(new Set(errors)).toEqual(new Set(['PUBSUB_ERROR']))
  })
})
