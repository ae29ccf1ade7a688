import { expect } from 'vitest'
import type { ConformanceCase } from '../../case.js'
import type { WireClient } from '../../client.js'
import type { SuiteContext } from '../../context.js'
import { RawWebSocket } from '../../raw-frames.js'
import { recorded, waitForRecorded } from '../../recorder.js'
import { securityTimings } from '../../routes/security.js'
import { expectHealthy, expectNoLeaks } from './expect.js'

const SIZE = 16 * 1024
const closesOf = (token: string) => recorded(token).filter((e) => e.type === 'close')

/** A subscriber that never reads while another connection publishes 4000 × 16 KiB (64 MiB) to its topic. */
async function floodSlowSubscriber(
  ctx: SuiteContext,
  route: string,
): Promise<{ token: string; slow: RawWebSocket; publisher: WireClient }> {
  const token = ctx.token()
  const slow = await RawWebSocket.open(ctx.running.wsUrl, `${ctx.prefix}/${route}?t=${token}`)
  slow.socket.pause()
  const publisher = await ctx.connect('/secPublisher')
  publisher.send({ watch: token, count: 4000, size: SIZE })
  const events = await waitForRecorded(token, (e) => e.some((event) => event.type === 'published'), 10000)
  const maxBuffered = events.find((e) => e.type === 'published')?.['maxBuffered'] as number
  // Bounded: at most the limit plus the frame that crossed it (and one in flight), never the 64 MiB sent.
  expect(maxBuffered).toBeLessThanOrEqual(securityTimings.backpressure + 2 * SIZE)
  return { token, slow, publisher }
}

export const slowSubscriberCases: readonly ConformanceCase[] = [
  {
    name: "abuse: a subscriber that never reads while another connection publishes stays bounded and is closed (policy 'close')",
    needs: 'bufferedAmount',
    timeout: 20000,
    async run(ctx) {
      const { token, slow, publisher } = await floodSlowSubscriber(ctx, 'secSlowSubClose')
      // The closing handshake cannot complete (the client reads nothing): closeTimeout drops it and onClose runs once.
      await waitForRecorded(token, () => closesOf(token).length > 0, 10000)
      expect(closesOf(token)).toHaveLength(1)
      await expectHealthy(ctx)
      await expectNoLeaks(ctx, () => {
        slow.destroy()
        publisher.terminate()
      })
    },
  },
  {
    name: "abuse: a subscriber that never reads while another connection publishes stays bounded, misses frames and survives (policy 'drop')",
    needs: 'bufferedAmount',
    timeout: 20000,
    async run(ctx) {
      const { token, slow, publisher } = await floodSlowSubscriber(ctx, 'secSlowSubDrop')
      slow.socket.resume()
      await waitForRecorded(token, (events) => events.some((e) => e.type === 'drain'), 10000)
      expect(closesOf(token)).toEqual([])
      await expectHealthy(ctx)
      await expectNoLeaks(ctx, () => {
        slow.destroy()
        publisher.terminate()
      })
    },
  },
]
