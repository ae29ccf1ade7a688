import { createBridge, defineRoute } from '@wsbridge/core'
import { describe, expect, it } from 'vitest'
import { bunSocketOptions } from '../src/transport/index.js'

const routes = {
  small: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }),
  large: defineRoute({ kind: 'ws', limits: { maxPayloadLength: 4 * 1024 * 1024 }, handler: { onMessage: () => undefined } }),
}

describe("Bun's websocket options from the bridge", () => {
  it('size Bun for the largest route payload, turn its own timers and limits off, and leave compression off unless enabled', () => {
    const bridge = createBridge(routes)
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
    expect(bunSocketOptions(bridge).perMessageDeflate).toBe(true)
  })
})
