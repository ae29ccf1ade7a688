import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { createRoute, defineRoute, tokenAuth } from '../src/index.js'

const Out = v.variant('type', [v.object({ type: v.literal('a'), n: v.number() }), v.object({ type: v.literal('b') })])

describe('createRoute infers like defineRoute', () => {
  it('types data per type, the connection from output/auth/context, params from the path', () => {
    createRoute('/rooms/:roomId')
      .output(Out)
      .auth(tokenAuth(async (token) => (token === 'x' ? { id: 'u' } : null)))
      .context(({ user }) => ({ since: user.id.length }))
      .on('join', v.object({ seat: v.number() }), (data, c) => {
        expectTypeOf(data).toEqualTypeOf<{ seat: number }>()
        expectTypeOf(c.params).toEqualTypeOf<{ roomId: string }>()
        expectTypeOf(c.user).toEqualTypeOf<{ id: string }>()
        expectTypeOf(c.context).toEqualTypeOf<{ since: number }>()
        c.send({ type: 'a', n: data.seat })
        // @ts-expect-error not an output message
        c.send({ type: 'c' })
        // @ts-expect-error not an output message
        c.publish('t', { type: 'a', n: 'x' })
      })
      .onError((_c, error) => expectTypeOf(error.code).toBeString())
      .build()
  })

  it('produces the same route type as the equivalent defineRoute', () => {
    const schema = v.object({ roomId: v.string() })
    const built = createRoute('/r/:id')
      .output(Out)
      .on('join', schema, () => undefined)
      .build()
    const defined = defineRoute({ kind: 'ws', path: '/r/:id', output: Out, messages: { join: { schema, handler: () => undefined } } })
    expectTypeOf(built).toEqualTypeOf(defined)
  })

  it('fixes the connection type before handlers: no output/auth/context after .on', () => {
    const stage = createRoute('/x').on('a', v.object({}), () => undefined)
    // @ts-expect-error output must come before handlers
    stage.output(Out)
    // @ts-expect-error auth must come before handlers
    stage.auth(() => ({ id: 1 }))
  })

  it('refuses build() without any handler', () => {
    // @ts-expect-error a route needs at least one handler
    createRoute('/x').build()
    // @ts-expect-error options are not a handler
    createRoute('/x').options({ onInvalid: 'drop' }).build()
  })
})
