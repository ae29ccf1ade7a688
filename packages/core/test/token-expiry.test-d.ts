import { describe, expectTypeOf, it } from 'vitest'
import {
  type AuthSuccess,
  type Bridge,
  type BridgeOptions,
  type CloseOptions,
  defineRoute,
  type DisconnectUserOptions,
  tokenAuth,
  type UpgradeContext,
  type UserKey,
} from '../src/index.js'

describe('token expiry, restart window and cluster control options', () => {
  it('an auth hook returning the success envelope with expiresAt types connection.user as its data', () => {
    defineRoute({
      kind: 'ws',
      auth: tokenAuth((token) => ({ success: true as const, data: { id: token }, expiresAt: Date.now() + 60_000 })),
      handler: {
        onMessage: (_message, connection) => {
          expectTypeOf(connection.user).toEqualTypeOf<{ id: string }>()
        },
      },
    })
    expectTypeOf<AuthSuccess['expiresAt']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<UpgradeContext['token']>().toEqualTypeOf<string | undefined>()
  })

  it('retryWithin, userKey and the user control methods', () => {
    expectTypeOf<BridgeOptions['retryWithin']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<CloseOptions['retryWithin']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<BridgeOptions['userKey']>().toEqualTypeOf<UserKey | undefined>()
    expectTypeOf<UserKey>().toEqualTypeOf<(user: unknown) => string | undefined>()
    expectTypeOf<Bridge['disconnectUser']>().parameters.toEqualTypeOf<[user: string, options?: DisconnectUserOptions]>()
    expectTypeOf<Bridge['sendToUser']>().returns.toEqualTypeOf<number>()
    // @ts-expect-error: a user key is a string
    ;(bridge: Bridge) => bridge.disconnectUser(42)
  })
})
