import { describe, expect, it } from 'vitest'
import { defineRoute, routeTopic } from '../src/index.js'
import { bridgeOf, connect, NativeTopics, settle } from './pubsub/helpers.js'

const route = defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } })
const routes = { chat: route, lobby: route }

describe('bridge.connections (read from the route topics)', () => {
  it('lists every open connection once, across routes, and forgets closed ones', async () => {
    for (const native of [undefined, new NativeTopics()]) {
      const bridge = bridgeOf(routes)
      const [a, b, c] = await Promise.all([
        connect(bridge, '/chat', native),
        connect(bridge, '/chat', native),
        connect(bridge, '/lobby', native),
      ])
      // A lobby connection subscribed to the chat route's topic by name is still listed once.
      c.connection.subscribe(routeTopic('chat'))
      expect(bridge.connections.size).toBe(3)
      expect([...bridge.connections]).toHaveLength(3)
      expect(new Set(bridge.connections)).toEqual(new Set([a.connection, b.connection, c.connection]))
      expect(bridge.connections.has(c.connection)).toBe(true)
      expect(bridge.connections.has({} as never)).toBe(false)
      const seen: unknown[] = []
      bridge.connections.forEach((value, key, set) => {
        expect(key).toBe(value)
        expect(set).toBe(bridge.connections)
        seen.push(value)
      })
      expect(seen).toHaveLength(3)
      a.close()
      await settle()
      expect(bridge.connections.size).toBe(2)
      expect(bridge.connections.has(a.connection)).toBe(false)
      expect([...bridge.connections.entries()]).toEqual([
        [b.connection, b.connection],
        [c.connection, c.connection],
      ])
      await bridge.close({ timeout: 100 })
      expect(bridge.connections.size).toBe(0)
      expect([...bridge.connections]).toEqual([])
    }
  })
})
