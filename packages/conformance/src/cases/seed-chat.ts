import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import { expectErrorFrame, expectQuiet } from '../helpers.js'

/** An unknown type: answered with an error frame, so it proves everything sent before it was handled. */
const PROBE = { type: 'probe' }

/** A complete chat application (rooms, typing, token auth), end to end over real sockets: the same app runs on every adapter unchanged. */
export const seedChatGroup = defineCaseGroup({
  name: 'chat application',
  cases: [
    {
      name: 'an upgrade without a valid token is refused with 401',
      async run(ctx) {
        await expect(ctx.connect('/seed/chat')).rejects.toThrow(/401/)
        await expect(ctx.connect('/seed/chat?token=forged')).rejects.toThrow(/401/)
      },
    },
    {
      name: 'users join a room, chat, type, and a disconnect is announced to the room',
      async run(ctx) {
        const alice = `user-${ctx.token()}`
        const bob = `user-${ctx.token()}`
        const room = ctx.token()
        const a = await ctx.connect(`/seed/chat?token=${alice}`)
        const b = await ctx.connect(`/seed/chat?token=${bob}`)
        a.send({ type: 'join_room', roomId: room })
        // Alice is in the room before Bob joins, so only she hears of the other joining.
        await expectQuiet(a, PROBE, { type: 'error', code: 'UNKNOWN_TYPE' })
        b.send({ type: 'join_room', roomId: room })
        expect(await a.next()).toMatchObject({ type: 'room_joined', roomId: room, userId: bob, userEmail: `${bob}@example.com` })
        b.send({ type: 'chat_message', roomId: room, message: 'Hello!' })
        expect(await a.next()).toMatchObject({ type: 'message', roomId: room, userId: bob, message: 'Hello!' })
        a.send({ type: 'typing', roomId: room, isTyping: true })
        expect(await b.next()).toEqual({ type: 'typing', roomId: room, userId: alice, isTyping: true })
        a.close(1000)
        expect(await b.next()).toMatchObject({ type: 'room_left', roomId: room, userId: alice })
        // The sender never hears its own publishes, as with Bun's ws.publish in the seed.
        await expectQuiet(b, PROBE, { type: 'error', code: 'UNKNOWN_TYPE' })
        expect(b.frames).toHaveLength(3)
      },
    },
    {
      name: 'invalid chat messages get error frames with issue paths and the socket stays open',
      async run(ctx) {
        const client = await ctx.connect(`/seed/chat?token=user-${ctx.token()}`)
        client.send({ type: 'chat_message', roomId: 'r', message: '' })
        const frame = expectErrorFrame(await client.next(), 'VALIDATION_FAILED') as { issues?: { path?: unknown[] }[] }
        expect(frame.issues?.map((issue) => issue.path)).toEqual([['message']])
        client.send({ type: 'shout' })
        expectErrorFrame(await client.next(), 'UNKNOWN_TYPE')
        client.send({ type: 'join_room', roomId: ctx.token() })
        client.send({ type: 'typing', roomId: 'r', isTyping: 'yes' })
        expect(expectErrorFrame(await client.next(), 'VALIDATION_FAILED').issues).toMatchObject([{ path: ['isTyping'] }])
      },
    },
  ],
})
