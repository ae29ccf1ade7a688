import { describe, expect, it } from 'vitest'
import { createBridge, defineRoute } from '../../src/index.js'
import { bunSocketOptions, wsServerOptions } from '../../src/sockets/index.js'

const routes = {
  small: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }),
  large: defineRoute({ kind: 'ws', limits: { maxPayloadLength: 4 * 1024 * 1024 }, handler: { onMessage: () => undefined } }),
}

describe('runtime socket options from the bridge', () => {
  it('size the runtime for the largest route payload and leave compression off unless enabled', () => {
    const bridge = createBridge(routes)
    expect(wsServerOptions(bridge)).toEqual({
      noServer: true,
      clientTracking: false,
      maxPayload: 4 * 1024 * 1024,
      maxFragments: 16 * 1024,
      perMessageDeflate: false,
    })
    expect(bunSocketOptions(bridge)).toEqual({
      maxPayloadLength: 4 * 1024 * 1024,
      perMessageDeflate: false,
      idleTimeout: 0,
      sendPings: false,
      backpressureLimit: 0,
      publishToSelf: false,
    })
  })

  it('negotiate compression when the bridge enables it (core applies its own threshold per frame)', () => {
    const bridge = createBridge(routes, { compression: { enabled: true, threshold: 512 } })
    expect(wsServerOptions(bridge).perMessageDeflate).toEqual({ threshold: 0 })
    expect(bunSocketOptions(bridge).perMessageDeflate).toBe(true)
  })

  it('give ws the largest maxFragments of the bridge and its routes, and no cap when any sets 0', () => {
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
