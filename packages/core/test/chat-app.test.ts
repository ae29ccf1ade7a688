import { describe, expect, it } from 'vitest'
import { createTestBridge } from '../src/testing/index.js'
import * as objectMap from './fixtures/chat-app.js'
import * as builder from './fixtures/chat-app-builder.js'

// Seed 002's chat, run through the real bridge by the in-memory harness, in both idioms.
describe.each([
  ['messages map', objectMap],
  ['builder', builder],
])('seed 002 chat application (%s)', (_idiom, { chat, errorLog, userRooms }) => {
  it('refuses upgrades without a valid token', async () => {
    const t = createTestBridge({ chat })
    expect(await t.upgrade('/ws/chat')).toMatchObject({ ok: false, status: 401 })
    expect(await t.upgrade('/ws/chat?token=forged')).toMatchObject({ ok: false, status: 401 })
  })

  it('joins rooms, chats, types, leaves and announces disconnects', async () => {
    const t = createTestBridge({ chat })
    const alice = await t.connect('/ws/chat?token=token-alice')
    const bob = await t.connect('/ws/chat?token=token-bob')
    alice.send({ type: 'join_room', roomId: 'lobby' })
    bob.send({ type: 'join_room', roomId: 'lobby' })
    expect(await alice.next()).toMatchObject({ type: 'room_joined', roomId: 'lobby', userId: 'u-bob', userEmail: 'bob@example.com' })
    expect(userRooms.get('u-alice')).toEqual(new Set(['lobby']))

    bob.send({ type: 'chat_message', roomId: 'lobby', message: 'Hello!' })
    expect(await alice.next()).toMatchObject({ type: 'message', roomId: 'lobby', userId: 'u-bob', message: 'Hello!' })
    alice.send({ type: 'typing', roomId: 'lobby', isTyping: true })
    expect(await bob.next()).toEqual({ type: 'typing', roomId: 'lobby', userId: 'u-alice', isTyping: true })

    alice.close()
    expect(await bob.next()).toMatchObject({ type: 'room_left', roomId: 'lobby', userId: 'u-alice' })
    expect(userRooms.has('u-alice')).toBe(false)
    expect(t.published('room:lobby').map((m) => (m as { type: string }).type)).toEqual([
      'room_joined',
      'room_joined',
      'message',
      'typing',
      'room_left',
    ])
    // Senders are excluded from their own publishes, as with Bun's ws.publish in the seed.
    expect(bob.sent.map((m) => (m as { type: string }).type)).toEqual(['typing', 'room_left'])
  })

  it('answers invalid messages with an error frame and logs the typed code', async () => {
    const t = createTestBridge({ chat })
    const bob = await t.connect('/ws/chat?token=token-bob')
    bob.send({ type: 'chat_message', roomId: 'lobby', message: '' })
    expect(await bob.next()).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED', issues: [{ path: ['message'] }] })
    bob.send({ type: 'shout' })
    expect(await bob.next()).toMatchObject({ type: 'error', code: 'UNKNOWN_TYPE' })
    expect(errorLog.filter((e) => e.userId === 'u-bob').map((e) => e.code)).toEqual(['VALIDATION_FAILED', 'UNKNOWN_TYPE'])
    expect(bob.closed).toBeUndefined()
  })
})
