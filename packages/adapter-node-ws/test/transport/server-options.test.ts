import { createBridge, defineRoute } from '@wsbridge/core'
import { describe, expect, it } from 'vitest'
import { wsServerOptions } from '../../src/transport/index.js'

const routes = {
  small: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }),
  large: defineRoute({ kind: 'ws', limits: { maxPayloadLength: 4 * 1024 * 1024 }, handler: { onMessage: () => undefined } }),
}

describe('wsServerOptions', () => {
  it('sizes ws for the largest route payload and leaves compression off unless enabled', () => {
    expect(wsServerOptions(createBridge(routes))).toEqual({
      noServer: true,
      clientTracking: false,
      maxPayload: 4 * 1024 * 1024,
      maxFragments: 16 * 1024,
      perMessageDeflate: false,
    })
  })

  it('negotiates compression when the bridge enables it (core applies its own threshold per frame)', () => {
    const bridge = createBridge(routes, { compression: { enabled: true, threshold: 512 } })
    expect(wsServerOptions(bridge).perMessageDeflate).toEqual({ threshold: 0 })
  })

  it('gives ws the largest maxFragments of the bridge and its routes, and no cap when any sets 0', () => {
    const fragments = (limits: number | undefined, route: number | undefined) =>
      wsServerOptions(
        createBridge(
          {
            ...routes,
            r: defineRoute({
              kind: 'ws',
              ...(route === undefined ? {} : { limits: { maxFragments: route } }),
              handler: { onMessage: () => undefined },
            }),
          },
          limits === undefined ? {} : { maxFragments: limits },
        ),
      ).maxFragments
    expect(fragments(undefined, undefined)).toBe(16 * 1024)
    expect(fragments(8, undefined)).toBe(8)
    expect(fragments(8, 64)).toBe(64)
    expect(fragments(64, 8)).toBe(64)
    expect(fragments(8, 0)).toBe(0)
    expect(fragments(0, 8)).toBe(0)
  })
})
