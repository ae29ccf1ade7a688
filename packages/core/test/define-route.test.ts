import { describe, expect, it } from 'vitest'
import { createBridge, defineRoute, type AnyRoute } from '../src/index.js'

// Plain JavaScript callers (or `as` casts) bypass the compile-time checks; definition still fails loudly.
const untyped = defineRoute as unknown as (route: unknown) => AnyRoute

describe('defineRoute at runtime', () => {
  it('returns the definition unchanged', () => {
    const handler = { onMessage: () => undefined }
    const route = defineRoute({ kind: 'ws', path: '/x', handler })
    expect(route).toEqual({ kind: 'ws', path: '/x', handler })
  })

  it('throws a clear error for an unknown kind', () => {
    expect(() => untyped({ kind: 'http', handler: { onMessage: () => undefined } })).toThrow(
      '[wsbridge] route "(route)" has kind "http"; only kind: \'ws\' routes are supported',
    )
    expect(() => untyped({ handler: { onMessage: () => undefined } })).toThrow(/has kind undefined/)
  })

  it('throws when there is neither onMessage nor a messages map', () => {
    expect(() => untyped({ kind: 'ws', path: '/p', handler: { onOpen: () => undefined } })).toThrow(
      '[wsbridge] route "/p" needs handler.onMessage, a typed messages map or requests',
    )
  })

  it('createBridge names the offending key', () => {
    expect(() =>
      createBridge({ good: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }), bad: 42 as unknown as AnyRoute }),
    ).toThrow(/route "bad" must be an object/)
  })
})
