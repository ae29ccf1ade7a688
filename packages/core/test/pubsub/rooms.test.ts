import { describe, expect, it } from 'vitest'
import { defineRoute, roomTopic, routeTopic } from '../../src/index.js'
import { bridgeOf, connect, settle } from './helpers.js'

// Rooms: route-scoped topics (room:<route>:<room>) joined by name, and broadcast to rooms or to the
// whole route.

const routes = {
  chat: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }),
  game: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }),
}

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
