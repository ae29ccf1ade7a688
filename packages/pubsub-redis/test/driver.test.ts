import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { createRedisPubSub, type RedisPubSub } from '../src/index.js'
import { runRedisTests, SHARED_REDIS_URL, waitFor } from './redis-server.js'
import { RecordingSink } from './sink.js'

const open: RedisPubSub[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((driver) => driver.close()))
})

/** A driver on the shared Redis with a prefix of its own, so parallel runs never cross. */
async function driverPair(): Promise<{ a: RedisPubSub; b: RedisPubSub; sa: RecordingSink; sb: RecordingSink; prefix: string }> {
  const prefix = `wsbridge-test:${crypto.randomUUID()}:`
  const a = createRedisPubSub({ url: SHARED_REDIS_URL, prefix })
  const b = createRedisPubSub({ url: SHARED_REDIS_URL, prefix })
  const sa = new RecordingSink()
  const sb = new RecordingSink()
  a.start(sa)
  b.start(sb)
  open.push(a, b)
  await Promise.all([a.ready(), b.ready()])
  return { a, b, sa, sb, prefix }
}

async function numsub(channel: string): Promise<number> {
  const admin = new Redis(SHARED_REDIS_URL)
  try {
    const reply = (await admin.pubsub('NUMSUB', channel)) as [string, number]
    return Number(reply[1])
  } finally {
    admin.disconnect()
  }
}

describe.skipIf(!runRedisTests)('redis driver (shared Redis on 6379)', () => {
  it('carries a publish to the other instance with its sender id, and never echoes it back', async () => {
    const { a, b, sa, sb, prefix } = await driverPair()
    a.subscribe('room')
    b.subscribe('room')
    await waitFor(async () => (await numsub(`${prefix}room`)) === 2, 'both subscriptions')
    b.publish({ topics: ['room'], frame: '{"hi":1}', senderId: 'conn-1' })
    await waitFor(() => sa.delivered.length === 1, 'delivery to a')
    expect(sa.delivered[0]).toEqual({ message: { topics: ['room'], frame: '{"hi":1}', senderId: 'conn-1' }, via: 'room' })
    // Give b's own copy time to come back from Redis: it must be ignored.
    a.publish({ topics: ['room'], frame: '"marker"' })
    await waitFor(() => sb.delivered.length === 1, 'marker to b')
    expect(sb.frames()).toEqual(['"marker"'])
    expect(sa.frames()).toEqual(['{"hi":1}'])
  })

  it('keeps binary frames byte-exact and text frames with any characters', async () => {
    const { a, b, sa, prefix } = await driverPair()
    a.subscribe('bin')
    await waitFor(async () => (await numsub(`${prefix}bin`)) === 1, 'SUBSCRIBE')
    const bytes = new Uint8Array([0, 10, 255, 13, 10, 7])
    b.publish({ topics: ['bin'], frame: bytes })
    b.publish({ topics: ['bin'], frame: '"line\\nbreak ünïcødé 🎉"' })
    await waitFor(() => sa.delivered.length === 2, 'two deliveries')
    expect(sa.delivered[0]?.message.frame).toEqual(bytes)
    expect(sa.delivered[1]?.message.frame).toBe('"line\\nbreak ünïcødé 🎉"')
  })

  it('subscribes a channel on the first local subscriber and unsubscribes it on the last', async () => {
    const { a, prefix } = await driverPair()
    a.subscribe('t')
    await waitFor(async () => (await numsub(`${prefix}t`)) === 1, 'SUBSCRIBE')
    a.unsubscribe('t')
    await waitFor(async () => (await numsub(`${prefix}t`)) === 0, 'UNSUBSCRIBE')
  })

  it('sends a multi-topic publish on each channel for the receiver to deduplicate', async () => {
    const { a, b, sa, prefix } = await driverPair()
    a.subscribe('r1')
    a.subscribe('r2')
    await waitFor(async () => (await numsub(`${prefix}r2`)) === 1, 'SUBSCRIBE')
    b.publish({ topics: ['r1', 'r2'], frame: '"x"' })
    await waitFor(() => sa.delivered.length === 2, 'one copy per channel')
    expect(sa.delivered.map((d) => d.via).sort()).toEqual(['r1', 'r2'])
    expect(b.stats.published).toBe(2)
  })

  it('close() releases its subscriptions and connections', async () => {
    const { a, prefix } = await driverPair()
    a.subscribe('gone')
    await waitFor(async () => (await numsub(`${prefix}gone`)) === 1, 'SUBSCRIBE')
    await a.close()
    await waitFor(async () => (await numsub(`${prefix}gone`)) === 0, 'release after close')
    a.publish({ topics: ['gone'], frame: '1' })
    expect(a.stats.dropped).toBe(1)
  })
})

describe('redis driver without a reachable Redis', () => {
  it('reports the failure to the error hook, drops publishes, and does not crash', async () => {
    const driver = createRedisPubSub({ url: 'redis://127.0.0.1:1', redis: { retryStrategy: () => 200 } })
    const sink = new RecordingSink()
    driver.start(sink)
    open.push(driver)
    await waitFor(() => sink.errors.length >= 2, 'publisher and subscriber errors')
    driver.publish({ topics: ['t'], frame: '1' })
    driver.publish({ topics: ['t'], frame: '2' })
    expect(driver.stats.dropped).toBe(2)
    await new Promise((r) => setTimeout(r, 700))
    // Retries keep failing, but the hook hears about it once per connection plus once about dropping.
    expect(sink.errors).toHaveLength(3)
    expect(String(sink.errors[0])).toMatch(/pubsub-redis/)
  })
})
