import { expectTypeOf, it } from 'vitest'
import type { RouteConnection } from '../src/index.js'
import type { chat } from './fixtures/chat-app.js'
import type { chat as builtChat } from './fixtures/chat-app-builder.js'

// The fixture itself is the test: it type-checks with no annotations and no `any`. These pin what
// it infers so a regression in inference cannot silently widen it to `unknown`.
it('infers the seed 002 chat route end to end', () => {
  type Types = NonNullable<(typeof chat)['~types']>
  expectTypeOf<Types['client']>().toEqualTypeOf<
    | { type: 'join_room'; roomId: string }
    | { type: 'leave_room'; roomId: string }
    | { type: 'chat_message'; roomId: string; message: string }
    | { type: 'typing'; roomId: string; isTyping: boolean }
  >()
  expectTypeOf<Types['server']>().toMatchTypeOf<{ type: 'room_joined' | 'room_left' | 'message' | 'typing' | 'error' }>()
  type Conn = Parameters<NonNullable<NonNullable<(typeof chat)['handler']>['onOpen']>>[0]
  expectTypeOf<Conn['user']>().toEqualTypeOf<{ id: string; email: string }>()
  expectTypeOf<Conn>().toMatchTypeOf<RouteConnection<'/ws/chat', unknown, { id: string; email: string }, Record<string, unknown>>>()
})

it('the builder form infers exactly the same route types', () => {
  expectTypeOf<NonNullable<(typeof builtChat)['~types']>>().toEqualTypeOf<NonNullable<(typeof chat)['~types']>>()
  type Conn = Parameters<NonNullable<NonNullable<(typeof builtChat)['handler']>['onOpen']>>[0]
  expectTypeOf<Conn['user']>().toEqualTypeOf<{ id: string; email: string }>()
})
