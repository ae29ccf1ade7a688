import * as v from 'valibot'
import { expectTypeOf, it } from 'vitest'
import { defineRoute, type Bridge, type PresenceEvent, type PresenceMember } from '../../src/index.js'

const output = v.object({ type: v.literal('chat'), text: v.string() })

it('publish and broadcast accept only what the route may send', () => {
  defineRoute({
    kind: 'ws',
    output,
    handler: {
      onMessage: (_message, connection) => {
        connection.publish('t', { type: 'chat', text: 'hi' })
        connection.broadcast({ type: 'chat', text: 'hi' }, { rooms: ['a', 'b'], includeSelf: true })
        connection.broadcast({ type: 'chat', text: 'hi' }, { rooms: 'a' })
        connection.broadcast(new Uint8Array([1]))
        // @ts-expect-error: not the route's output shape
        connection.broadcast({ type: 'other' })
        // @ts-expect-error: not the route's output shape
        connection.publish('t', { text: 1 })
        expectTypeOf(connection.rooms).toEqualTypeOf<ReadonlySet<string>>()
        expectTypeOf(connection.joinRoom).parameter(0).toEqualTypeOf<string>()
      },
    },
  })
})

it('bridge presence has the { id, user } shape', () => {
  expectTypeOf<ReturnType<Bridge['presence']>>().toEqualTypeOf<PresenceMember[]>()
  expectTypeOf<PresenceEvent['type']>().toEqualTypeOf<'join' | 'leave'>()
  expectTypeOf<PresenceMember>().toEqualTypeOf<{ readonly id: string; readonly user: unknown }>()
  expectTypeOf<Bridge['connections']>().toEqualTypeOf<ReadonlySet<import('../../src/index.js').Connection>>()
})
