import { afterEach, describe, expect, it, vi } from 'vitest'
import { createBridge, defineRoute } from '../../src/index.js'
import type { Transport } from '../../src/adapter/index.js'

const transport: Transport = { send() {}, close() {}, terminate() {}, bufferedAmount: 0, raw: undefined }

async function openOne(options: Parameters<typeof createBridge>[1]): Promise<void> {
  const bridge = createBridge({ echo: defineRoute({ kind: 'ws', handler: { onMessage() {} } }) }, { logger: false, ...options })
  const match = bridge.match('http://h/echo')!
  const decision = await bridge.authorize({ url: 'http://h/echo', headers: {} }, match)
  if (!decision.ok) throw new Error(decision.message)
  bridge.open(decision, transport)
}

describe('the sweep timer', () => {
  afterEach(() => vi.restoreAllMocks())

  it('does not run when no heartbeat, idle timeout or close deadline is set (a Durable Object can then hibernate)', async () => {
    const setInterval = vi.spyOn(globalThis, 'setInterval')
    await openOne({ heartbeat: false, idleTimeout: 0, closeTimeout: 0 })
    expect(setInterval).not.toHaveBeenCalled()
  })

  it('runs with the defaults', async () => {
    const setInterval = vi.spyOn(globalThis, 'setInterval')
    await openOne({})
    expect(setInterval).toHaveBeenCalledTimes(1)
  })
})
