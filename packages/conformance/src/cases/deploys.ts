import { setupBridge, type WebSocketConstructor } from '@wsbridge/core/client'
import WS from 'ws'
import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import { delay } from '../helpers.js'
import { recorded, waitForRecorded } from '../recorder.js'
import { clientRoutes } from '../routes/client.js'

const WebSocketImpl = ((globalThis as { WebSocket?: WebSocketConstructor }).WebSocket ?? WS) as WebSocketConstructor

/**
 * A WebSocket that sends every attempt after the first to `next` instead: a load balancer that took
 * the stopped instance out of rotation.
 */
function balanced(from: string, next: string): WebSocketConstructor {
  let attempts = 0
  const Base = WebSocketImpl as unknown as new (url: string, protocols?: string | string[]) => object
  return class extends Base {
    constructor(url: string, protocols?: string | string[]) {
      super(attempts++ === 0 ? url : url.replace(from, next), protocols)
    }
  } as unknown as WebSocketConstructor
}

const WINDOW = 1200

/** Calm deploys: a shutdown with a restart window, and the typed client spreading its return over it. */
export const deploysGroup = defineCaseGroup({
  name: 'deploys',
  cases: [
    {
      name: 'restart window: close() with retryWithin sends 1012 and the typed client comes back at its jittered moment inside the window',
      needs: 'closeOutsideEvents',
      timeout: 15_000,
      async run(ctx) {
        const stopping = await ctx.startHost({ routes: ['client'], options: { retryWithin: WINDOW } })
        const t = ctx.token()
        const closes: { code: number; reason: string; willReconnect: boolean; at: number }[] = []
        let reopenedAt = 0
        // random 0.5: the first attempt is due half-way through the window; the backoff alone (30 ms cap) would come back at once.
        const { $ws } = setupBridge(clientRoutes, {
          baseUrl: stopping.wsUrl + ctx.prefix,
          WebSocket: balanced(stopping.wsUrl, ctx.running.wsUrl),
          reconnect: { initialDelay: 30, maxDelay: 30, random: () => 0.5 },
        })
        const conn = $ws.clientLog(
          { t },
          {
            onClose: (code, reason, { willReconnect }) => void closes.push({ code, reason, willReconnect, at: Date.now() }),
            onReconnect: () => void (reopenedAt = Date.now()),
          },
        )
        await conn.opened()
        await waitForRecorded(t, () => recorded(t).filter((e) => e.type === 'open').length === 1)
        await stopping.shutdown()
        await ctx.running.poll(async () => reopenedAt > 0, 'the reconnect to the other instance', 10_000)
        expect(closes).toEqual([{ code: 1012, reason: `retry within ${WINDOW} ms`, willReconnect: true, at: expect.any(Number) }])
        const waited = reopenedAt - closes[0]!.at
        // Half the window, give or take timer and handshake time on a loaded machine.
        expect(waited).toBeGreaterThanOrEqual(WINDOW / 2 - 20)
        expect(waited).toBeLessThan(WINDOW / 2 + 2500)
        conn.send('after the deploy')
        await waitForRecorded(t, () => recorded(t).some((e) => e.type === 'message' && e['message'] === 'after the deploy'))
        conn.close()
        await delay(10)
      },
    },
  ],
})
