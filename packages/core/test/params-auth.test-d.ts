import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { defineRoute, type ParamsOf } from '../src/index.js'

describe('params are typed from the path string', () => {
  it('maps :name to string and :name? to string | undefined', () => {
    expectTypeOf<ParamsOf<'/rooms/:roomId'>>().toEqualTypeOf<{ roomId: string }>()
    expectTypeOf<ParamsOf<'/games/:gameId/players/:playerId'>>().toEqualTypeOf<{ gameId: string; playerId: string }>()
    expectTypeOf<ParamsOf<'/docs/:id?'>>().toEqualTypeOf<{ id?: string | undefined }>()
    expectTypeOf<ParamsOf<'/static'>>().toEqualTypeOf<{}>()
    expectTypeOf<ParamsOf<string>>().toEqualTypeOf<Record<string, string | undefined>>()
  })

  it('reaches handlers and hooks with no annotation', () => {
    defineRoute({
      kind: 'ws',
      path: '/rooms/:roomId/:tab?',
      auth: ({ params }) => (expectTypeOf(params).toEqualTypeOf<{ roomId: string; tab?: string | undefined }>(), { id: 'u' }),
      handler: {
        onMessage(_m, connection) {
          expectTypeOf(connection.params.roomId).toEqualTypeOf<string>()
          expectTypeOf(connection.params.tab).toEqualTypeOf<string | undefined>()
          // @ts-expect-error not a parameter of this path
          void connection.params.userId
        },
      },
    })
  })
})

describe('user is typed from auth, context from the context hook', () => {
  it('removes null, undefined and false', () => {
    defineRoute({
      kind: 'ws',
      auth: async ({ query }) => (query['token'] ? { id: 'u1', email: 'e' } : null),
      handler: { onMessage: (_m, c) => expectTypeOf(c.user).toEqualTypeOf<{ id: string; email: string }>() },
    })
    defineRoute({
      kind: 'ws',
      auth: ({ headers }) => headers['authorization'] === 'x' && { id: 1 },
      handler: { onMessage: (_m, c) => expectTypeOf(c.user).toEqualTypeOf<{ id: number }>() },
    })
  })

  it('removes `{ success: false, code, reason }` rejections, sync or async, with no `as const`', () => {
    defineRoute({
      kind: 'ws',
      auth: ({ query }) => (query['t'] ? { id: 'a' } : { success: false, code: 4001, reason: 'No token provided' }),
      handler: { onMessage: (_m, c) => expectTypeOf(c.user).toEqualTypeOf<{ id: string }>() },
    })
    defineRoute({
      kind: 'ws',
      auth: async ({ query }) => {
        if (!query['t']) return { success: false, code: 403 }
        if (query['t'] === 'x') return undefined
        return { id: 'a', role: 'admin' as const }
      },
      handler: { onMessage: (_m, c) => expectTypeOf(c.user).toEqualTypeOf<{ id: string; role: 'admin' }>() },
    })
  })

  it("unwraps the vite plugin's `{ success: true, data }` envelope, as the bridge does at runtime", () => {
    defineRoute({
      kind: 'ws',
      auth: async ({ query }) => {
        if (!query['token']) return { success: false, code: 4001, reason: 'No token provided' }
        return { success: true, data: { user: { name: 'ada' } } }
      },
      handler: { onMessage: (_m, c) => expectTypeOf(c.user).toEqualTypeOf<{ user: { name: string } }>() },
    })
  })

  it('is undefined without auth; context defaults to a record', () => {
    defineRoute({
      kind: 'ws',
      handler: {
        onMessage(_m, c) {
          expectTypeOf(c.user).toEqualTypeOf<undefined>()
          expectTypeOf(c.context).toEqualTypeOf<Record<string, unknown>>()
        },
      },
    })
  })

  it('types context from the hook, which sees the typed user', () => {
    defineRoute({
      kind: 'ws',
      path: '/rooms/:roomId',
      output: v.object({ count: v.number() }),
      auth: () => ({ id: 'u1', admin: false }),
      context: async ({ user, params }) => {
        expectTypeOf(user).toEqualTypeOf<{ id: string; admin: boolean }>()
        return { roomId: params.roomId, joinedAt: 0 }
      },
      messages: {
        bump: {
          schema: v.object({}),
          handler(_data, c) {
            expectTypeOf(c.context).toEqualTypeOf<{ roomId: string; joinedAt: number }>()
            c.context.joinedAt = 1
            c.send({ count: c.context.joinedAt })
          },
        },
      },
    })
  })
})
