import { describe, expect, it } from 'vitest'
import { createMemoryPubSubBus, defineRoute, roomTopic, type PubSubDriver } from '../../src/index.js'
import { recordingLogger } from '../logging/fake-log.js'
import { bridgeOf, connect, settle } from './helpers.js'

const routes = { chat: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }) }

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
    const logger = recordingLogger()
    const bridge = bridgeOf(routes, { pubsub: broken, onError: (e) => errors.push(e.code), logger })
    const [a, b] = await Promise.all([connect(bridge, '/chat'), connect(bridge, '/chat')])
    b.connection.subscribe('t')
    expect(a.connection.publish('t', 'still local')).toBe(1)
    expect(b.messages()).toEqual(['still local'])
    expect(errors.length).toBeGreaterThan(0)
    expect(new Set(errors)).toEqual(new Set(['PUBSUB_ERROR']))
    // Logged with the thrown value (its stack), each failure once, not printed by the test run.
    expect(logger.lines.map(({ level, message, error }) => [level, message, (error as Error).message])).toEqual(
      errors.map(() => ['error', '[wsbridge] PUBSUB_ERROR: backend down', 'backend down']),
    )
  })
})
