import { describe, expect, it } from 'vitest'
import { defineRoute } from '../../src/index.js'
import { bridgeOf, connect, NativeTopics, settle, type RecordedSocket } from './helpers.js'

const routes = { chat: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }) }

async function room(size: number, native: NativeTopics): Promise<RecordedSocket[]> {
  const bridge = bridgeOf(routes)
  const sockets = await Promise.all(Array.from({ length: size }, () => connect(bridge, '/chat', native)))
  for (const s of sockets) s.connection.subscribe('t')
  return sockets
}

describe('native fan-out (Bun model)', () => {
  it('a publish visits no member: the same work in a room of 10 and of 400', async () => {
    const visits: number[] = []
    for (const size of [10, 400]) {
      const native = new NativeTopics()
      const sockets = await room(size, native)
      // The first publish checks every buffer once (see native-clearance.ts); the ones after it rely on that check.
      sockets[0]!.connection.publish('t', 'warm')
      native.reads = 0
      for (let i = 0; i < 20; i++) expect(sockets[i % size]!.connection.publish('t', i)).toBe(size - 1)
      expect(native.publishCalls).toBe(21)
      visits.push(native.reads)
    }
    expect(visits[1]).toBe(visits[0])
    expect(visits[0]).toBeLessThanOrEqual(20)
  })

  it('a closing member is not counted, and the count follows joins and leaves', async () => {
    const native = new NativeTopics()
    const [a, b, c, d] = await room(4, native)
    expect(a!.connection.publish('t', 1)).toBe(3)
    c!.connection.close()
    // Closing, not closed yet: it receives nothing more, so it is not counted.
    expect(a!.connection.publish('t', 2)).toBe(2)
    expect(c!.connection.readyState).toBe(2)
    await settle()
    d!.connection.unsubscribe('t')
    expect(a!.connection.publish('t', 3, { includeSelf: true })).toBe(2)
    expect(b!.messages()).toEqual([1, 2, 3])
    expect(a!.messages()).toEqual([3])
  })

  it('a bridge behind two servers reaches the subscribers of each, once, with one runtime call per server', async () => {
    const bridge = bridgeOf(routes)
    const [one, two] = [new NativeTopics(), new NativeTopics()]
    const sockets = await Promise.all([one, one, two, two].map((server) => connect(bridge, '/chat', server)))
    for (const s of sockets) s.connection.subscribe('t')
    const [a, b, c, d] = sockets
    expect(a!.connection.publish('t', 'x')).toBe(3)
    expect(c!.connection.publish('t', 'y', { includeSelf: true })).toBe(4)
    expect(bridge.publish('t', 'z')).toBe(4)
    expect([one.publishCalls, two.publishCalls]).toEqual([3, 3])
    expect(a!.messages()).toEqual(['y', 'z'])
    expect(b!.messages()).toEqual(['x', 'y', 'z'])
    expect(c!.messages()).toEqual(['x', 'y', 'z'])
    expect(d!.messages()).toEqual(['x', 'y', 'z'])
  })
})
