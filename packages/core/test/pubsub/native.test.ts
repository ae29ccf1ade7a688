import { describe, expect, it } from 'vitest'
import { defineRoute, routeTopic } from '../../src/index.js'
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
    // A new subscriber's buffer is read once, as it joins: the others' are not read again.
    const late = await connect(bridge, '/chat', native, counted)
    late.connection.subscribe('t')
    expect(reads).toBe(21)
    sockets[1]!.connection.publish('t', 'after join')
    expect(reads).toBe(21)
    expect(late.messages()).toEqual(['after join'])
  })

  it('a subscriber that joins at its backpressure limit gets its policy at the next publish, not the native frame', async () => {
    const bridge = bridgeOf(routes, { backpressureLimit: 100, backpressurePolicy: 'drop' })
    const native = new NativeTopics()
    let lateBuffered = 0
    const [a, b] = await Promise.all([connect(bridge, '/chat', native), connect(bridge, '/chat', native)])
    const late = await connect(bridge, '/chat', native, () => lateBuffered)
    for (const s of [a, b]) s.connection.subscribe('t')
    expect(a.connection.publish('t', 1)).toBe(1)
    lateBuffered = 150
    late.connection.subscribe('t')
    // late is at its limit: 'drop' applies to it, b still gets the frame.
    expect(a.connection.publish('t', 2)).toBe(1)
    expect(b.messages()).toEqual([1, 2])
    expect(late.messages()).toEqual([])
    lateBuffered = 0
    bridge.publish('t', 3)
    expect(late.messages()).toEqual([3])
  })
})
