import { defineRoute, type BackpressurePolicy } from '@wsbridge/core'
import { record } from '../fixture/journal.js'
import { securityTimings } from './security.js'

/** What a publisher may observe of a subscriber it floods: the bytes the server has queued for it. */
interface Watched {
  readonly bufferedAmount: number
}

/** Subscribers by their `?t=` token, so the publisher route can sample their server-side buffers. */
const subscribers: Map<string, Watched> = new Map()

/** Subscribes to `slow:<token>` and never needs to read: the case pauses its socket. */
const subscriber = (policy: BackpressurePolicy) =>
  defineRoute({
    kind: 'ws',
    limits: { backpressureLimit: securityTimings.backpressure, backpressurePolicy: policy, rateLimit: false, closeTimeout: 300 },
    handler: {
      onOpen: (c) => {
        c.subscribe(`slow:${c.query['t']}`)
        subscribers.set(c.query['t'] ?? '', c)
      },
      onClose: (c, code, reason) => {
        subscribers.delete(c.query['t'] ?? '')
        record(c.query['t'], { type: 'close', code, reason })
      },
      onDrain: (c) => record(c.query['t'], { type: 'drain' }),
      onMessage: () => undefined,
    },
  })

/**
 * A slow consumer fed by someone else's publishes (not by its own handler's sends): the server's
 * buffer for it must stay bounded and its route's backpressure policy must apply.
 */
export const slowSubscriberRoutes = {
  secSlowSubClose: subscriber('close'),
  secSlowSubDrop: subscriber('drop'),
  /** `{ watch, count, size }` publishes `count` frames of `size` bytes to `slow:<watch>` and records the subscriber's peak buffer. */
  secPublisher: defineRoute({
    kind: 'ws',
    limits: { rateLimit: false },
    handler: {
      onMessage: (message, c) => {
        const { watch, count, size } = message as { watch: string; count: number; size: number }
        const payload = 'x'.repeat(size)
        let maxBuffered = 0
        for (let i = 0; i < count; i++) {
          c.publish(`slow:${watch}`, { i, payload })
          maxBuffered = Math.max(maxBuffered, subscribers.get(watch)?.bufferedAmount ?? 0)
        }
        record(watch, { type: 'published', maxBuffered })
      },
    },
  }),
}
