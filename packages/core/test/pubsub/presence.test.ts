import { describe, expect, it } from 'vitest'
import { defineRoute, roomTopic, routeTopic } from '../../src/index.js'
import { recordingLogger } from '../logging/fake-log.js'
import { bridgeOf, connect, settle } from './helpers.js'

// Presence: who is in a topic, and the join and leave events, closes included.

const routes = {
  chat: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }),
  game: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }),
}

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
    const logger = recordingLogger()
    const bridge = bridgeOf(routes, { onError: (e) => errors.push(e.code), logger })
    bridge.onPresence(() => {
      throw new Error('listener bug')
    })
    const a = await connect(bridge, '/chat')
    a.connection.subscribe('t')
    expect(bridge.subscriberCount('t')).toBe(1)
    expect(errors).toContain('PUBSUB_ERROR')
    expect(logger.lines).toContainEqual({ level: 'error', message: '[wsbridge] PUBSUB_ERROR: listener bug', error: expect.any(Error) })
  })
})
