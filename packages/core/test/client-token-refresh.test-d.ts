import { describe, expectTypeOf, it } from 'vitest'
import type { ClientOptions, RefreshTokenSource, RouteConnectOptions } from '../src/client/index.js'
import { defineRoute, tokenAuth } from '../src/index.js'

const secure = defineRoute({ kind: 'ws', auth: tokenAuth((token) => ({ id: token })), handler: { onMessage: () => {} } })

describe('refreshToken client option', () => {
  it('takes a sync or async string source, per connection or for every route', () => {
    expectTypeOf<ClientOptions['refreshToken']>().toEqualTypeOf<RefreshTokenSource | undefined>()
    expectTypeOf<RefreshTokenSource>().toEqualTypeOf<() => string | Promise<string>>()
    expectTypeOf<{ refreshToken: () => string }>().toMatchTypeOf<RouteConnectOptions<typeof secure>>()
    expectTypeOf<{ refreshToken: () => Promise<string> }>().toMatchTypeOf<RouteConnectOptions<typeof secure>>()
  })

  it('rejects a source that does not give a string', () => {
    expectTypeOf<{ refreshToken: () => number }>().not.toMatchTypeOf<RouteConnectOptions<typeof secure>>()
    expectTypeOf<{ refreshToken: string }>().not.toMatchTypeOf<RouteConnectOptions<typeof secure>>()
  })
})
