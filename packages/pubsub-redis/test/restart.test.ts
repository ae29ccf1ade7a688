import { afterAll, describe, expect, it } from 'vitest'
import { createRedisPubSub } from '../src/index.js'
import { OwnRedis, runOwnRedisTests, waitFor } from './redis-server.js'
import { RecordingSink } from './sink.js'

// This file starts its own redis-server (a free port, no persistence) so it can kill and restart it.
describe.skipIf(!runOwnRedisTests)('redis driver across a Redis restart', () => {
  let redis: OwnRedis | undefined
  afterAll(async () => redis?.kill())

  it('reports the outage, drops publishes during it, then resubscribes and delivers again', async () => {
    redis = await OwnRedis.start()
    const fast = { retryStrategy: () => 100 }
    const a = createRedisPubSub({ url: redis.url, redis: fast })
    const b = createRedisPubSub({ url: redis.url, redis: fast })
    const sa = new RecordingSink()
    const sb = new RecordingSink()
    a.start(sa)
    b.start(sb)
    await Promise.all([a.ready(), b.ready()])
    a.subscribe('room')
    await new Promise((r) => setTimeout(r, 100))
    b.publish({ topics: ['room'], frame: '"before"' })
    await waitFor(() => sa.delivered.length === 1, 'delivery before the restart')

    await redis.kill()
    await waitFor(() => sa.errors.length > 0 && sb.errors.length > 0, 'errors reported to both bridges')
    b.publish({ topics: ['room'], frame: '"during"' })
    expect(b.stats.dropped).toBe(1)

    await redis.restart()
    // Publish until one gets through: resubscription happens on the subscriber's own reconnect.
    let n = 0
    await waitFor(() => {
      b.publish({ topics: ['room'], frame: `"after ${n++}"` })
      return sa.delivered.length > 1
    }, 'delivery after the restart')
    expect(sa.frames()[0]).toBe('"before"')
    expect(sa.frames()).not.toContain('"during"')
    expect(String(sa.frames()[1])).toMatch(/^"after \d+"$/)
    await Promise.all([a.close(), b.close()])
  })
})
