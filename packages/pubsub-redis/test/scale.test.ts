import type { WireClient } from '@wsbridge/conformance'
import { roomTopic } from '@wsbridge/core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { startCluster, type Cluster } from './cluster.js'
import { OwnRedis, runOwnRedisTests, runRedisTests, SHARED_REDIS_URL, waitFor } from './redis-server.js'

let cluster: Cluster | undefined
afterEach(async () => {
  await cluster?.close()
  cluster = undefined
})

describe.skipIf(!runRedisTests)('1,000 subscribers across instances', () => {
  it('every subscriber receives every message of a burst, in publish order', async () => {
    const SUBSCRIBERS = 1000
    const BURST = 50
    cluster = await startCluster(SHARED_REDIS_URL, ['node-ws', 'express', 'hono-node'])
    const clients: WireClient[] = []
    // Connect in batches so the handshakes do not all queue at once.
    for (let i = 0; i < SUBSCRIBERS; i += 100) {
      clients.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(100, SUBSCRIBERS - i) }, (_, j) => cluster!.connect((i + j) % 3, '/chat?room=burst')),
        )),
      )
    }
    const topic = roomTopic('chat', 'burst')
    await waitFor(
      () => cluster!.instances.reduce((sum, instance) => sum + instance.bridge.subscriberCount(topic), 0) === SUBSCRIBERS,
      'every subscriber joined',
    )
    await cluster.subscribed(topic, 3)

    const publisher = cluster.instances[1]!.bridge
    for (let n = 0; n < BURST; n++) publisher.publish(topic, { n })
    const expected = Array.from({ length: BURST }, (_, n) => ({ n }))
    const received = await Promise.all(clients.map((client) => client.take(BURST, 20_000)))
    received.forEach((messages) => expect(messages).toEqual(expected))
    expect(cluster.drivers[1]!.stats.dropped).toBe(0)
  }, 120_000)
})

describe.skipIf(!runOwnRedisTests)('instances across a Redis restart (a redis-server this test owns)', () => {
  let redis: OwnRedis | undefined
  afterAll(async () => redis?.kill())

  it('delivery between instances resumes after Redis is killed and restarted on the same port', async () => {
    redis = await OwnRedis.start()
    cluster = await startCluster(redis.url, ['node-ws', 'hono-node'], { retryStrategy: () => 100 }, false, true)
    const a = await cluster.connect(0, '/chat?room=lobby')
    const b = await cluster.connect(1, '/chat?room=lobby')
    await cluster.subscribed(roomTopic('chat', 'lobby'), 2)
    a.send({ type: 'say', text: 'before', rooms: ['lobby'] })
    expect(await b.next()).toMatchObject({ text: 'before' })

    await redis.kill()
    await waitFor(() => cluster!.errors.length >= 2, 'the outage reaching the error hooks')
    // Each outage report is logged once, bounded, as a PUBSUB_ERROR line (recorded here, not printed).
    expect(cluster.logged.length).toBeGreaterThan(0)
    for (const line of cluster.logged) expect(line).toMatch(/^\[wsbridge\] PUBSUB_ERROR: \[wsbridge\/pubsub-redis\] /)
    // Local delivery keeps working during the outage; the remote copy is dropped (at-most-once).
    const c = await cluster.connect(0, '/chat?room=lobby')
    a.send({ type: 'say', text: 'during', rooms: ['lobby'] })
    expect(await c.next()).toMatchObject({ text: 'during' })

    await redis.restart()
    await cluster.subscribed(roomTopic('chat', 'lobby'), 2)
    // The publisher reconnects on its own schedule: keep saying until one message crosses.
    let sent = 0
    const crossed = (async () => {
      for (;;) {
        const message = (await b.next(10_000)) as { text: string }
        if (message.text.startsWith('after')) return message.text
      }
    })()
    const timer = setInterval(() => a.send({ type: 'say', text: `after ${sent++}`, rooms: ['lobby'] }), 50)
    try {
      expect(await crossed).toMatch(/^after \d+$/)
    } finally {
      clearInterval(timer)
    }
    expect(b.frames.map((f) => (f.kind === 'text' ? f.text : '')).some((text) => text.includes('during'))).toBe(false)
  }, 60_000)
})
