import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { createBridge, defineRoute, type SendResult, type WsError } from '../src/index.js'

const Out = v.variant('type', [
  v.object({ type: v.literal('said'), text: v.string() }),
  v.object({ type: v.literal('left'), n: v.number() }),
])
type OutInput = { type: 'said'; text: string } | { type: 'left'; n: number }

describe('onMessage is typed from `input`', () => {
  it('gets the output type of the input schema', () => {
    defineRoute({
      kind: 'ws',
      input: v.object({ text: v.string(), n: v.pipe(v.string(), v.transform(Number)) }),
      handler: {
        onMessage(message) {
          expectTypeOf(message).toEqualTypeOf<{ text: string; n: number }>()
        },
      },
    })
  })

  it('accepts async schemas', () => {
    defineRoute({
      kind: 'ws',
      input: v.objectAsync({
        id: v.pipeAsync(
          v.string(),
          v.checkAsync(async (id) => id !== ''),
        ),
      }),
      handler: { onMessage: (message) => expectTypeOf(message).toEqualTypeOf<{ id: string }>() },
    })
  })

  it('is unknown without an input schema', () => {
    defineRoute({ kind: 'ws', handler: { onMessage: (message) => expectTypeOf(message).toBeUnknown() } })
  })
})

describe('per-type handlers are typed from their own schema', () => {
  it('types each handler data and the shared connection', () => {
    defineRoute({
      kind: 'ws',
      output: Out,
      messages: {
        join: {
          schema: v.object({ roomId: v.string() }),
          handler: (data, c) => expectTypeOf(data).toEqualTypeOf<{ roomId: string }>() && c.send({ type: 'left', n: 1 }),
        },
        move: {
          schema: v.object({ type: v.literal('move'), x: v.number(), y: v.optional(v.number(), 0) }),
          handler: (data) => expectTypeOf(data).toEqualTypeOf<{ type: 'move'; x: number; y: number }>(),
        },
        later: { schema: v.objectAsync({ at: v.date() }), handler: (data) => expectTypeOf(data).toEqualTypeOf<{ at: Date }>() },
      },
    })
  })

  it('records the client protocol as a union tagged by `type`', () => {
    const route = defineRoute({
      kind: 'ws',
      messages: {
        join: { schema: v.object({ roomId: v.string() }), handler: () => undefined },
        ping: { schema: v.object({}), handler: () => undefined },
      },
    })
    type Client = NonNullable<(typeof route)['~types']>['client']
    expectTypeOf<Client>().toEqualTypeOf<{ type: 'join'; roomId: string } | { type: 'ping' }>()
  })
})

describe('send and publish accept only the output schema input', () => {
  it('accepts output values and bytes, rejects anything else', () => {
    defineRoute({
      kind: 'ws',
      output: Out,
      handler: {
        onMessage(_message, connection) {
          expectTypeOf(connection.send).parameter(0).toEqualTypeOf<OutInput | Uint8Array | ArrayBuffer>()
          expectTypeOf(connection.send({ type: 'said', text: 'hi' })).toEqualTypeOf<SendResult>()
          connection.send(new Uint8Array([1]))
          connection.publish('room', { type: 'left', n: 2 })
          // @ts-expect-error unknown variant
          connection.send({ type: 'shout', text: 'hi' })
          // @ts-expect-error wrong field type
          connection.send({ type: 'said', text: 1 })
          // @ts-expect-error excess field
          connection.send({ type: 'left', n: 1, extra: true })
          // @ts-expect-error a plain string is not an output message
          connection.publish('room', 'hello')
          connection.broadcast({ type: 'said', text: 'all' }, { rooms: ['r1'] })
          // @ts-expect-error broadcast is typed like send
          connection.broadcast({ type: 'said' })
        },
        onOpen(connection) {
          // @ts-expect-error lifecycle handlers get the same typed connection
          connection.send({ nope: true })
        },
      },
    })
  })

  it('accepts anything without an output schema', () => {
    defineRoute({ kind: 'ws', handler: { onMessage: (_m, c) => expectTypeOf(c.send).parameter(0).toEqualTypeOf<unknown>() } })
  })
})

describe('lifecycle hooks', () => {
  it('types onError, onClose and onBinary', () => {
    defineRoute({
      kind: 'ws',
      handler: {
        onMessage: () => undefined,
        onError: (_c, error) => expectTypeOf(error).toEqualTypeOf<WsError>() && expectTypeOf(error.code).toEqualTypeOf<WsError['code']>(),
        onClose: (_c, code, reason) => expectTypeOf<[number, string]>().toEqualTypeOf<[typeof code, typeof reason]>(),
        onBinary: (data) => expectTypeOf(data).toEqualTypeOf<Uint8Array>(),
      },
    })
  })
})

describe('invalid definitions', () => {
  it('requires onMessage or a messages map', () => {
    // @ts-expect-error no onMessage and no messages
    defineRoute({ kind: 'ws', handler: { onOpen: () => undefined } })
    // @ts-expect-error no handler at all
    defineRoute({ kind: 'ws' })
    // @ts-expect-error only kind 'ws' exists
    defineRoute({ kind: 'http', handler: { onMessage: () => undefined } })
    // @ts-expect-error onInvalid is a closed set
    defineRoute({ kind: 'ws', onInvalid: 'ignore', handler: { onMessage: () => undefined } })
  })

  it('keeps every route assignable to createBridge, params and all', () => {
    const room = defineRoute({
      kind: 'ws',
      path: '/rooms/:roomId',
      auth: () => ({ id: 'u' }),
      handler: { onMessage: (_m, c) => c.params.roomId },
    })
    const typed = defineRoute({ kind: 'ws', output: Out, messages: { a: { schema: v.object({}), handler: () => undefined } } })
    const bridge = createBridge({ room, typed })
    expectTypeOf(bridge.routes).toEqualTypeOf<{ readonly room: typeof room; readonly typed: typeof typed }>()
  })
})
