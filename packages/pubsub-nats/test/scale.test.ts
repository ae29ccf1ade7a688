import type { WireClient } from '@wsbridge/conformance'
import { roomTopic } from '@wsbridge/core'
import { afterEach, describe, expect, it } from 'vitest'
import { startCluster, type Cluster } from './cluster.js'
import { runNatsTests, SHARED_NATS, waitFor } from './nats-server.js'

let cluster: Cluster | undefined
afterEach(async () => {
  await cluster?.close()
  cluster = undefined
})

describe.skipIf(!runNatsTests)('1,000 subscribers across instances', () => {
  it('every subscriber receives every message of a burst, in publish order', async () => {
    const SUBSCRIBERS = 1000
    const BURST = 50
    cluster = await startCluster(SHARED_NATS, ['node-ws', 'express', 'hono-node'])
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
    await cluster.subscribed()

    const publisher = cluster.instances[1]!.bridge
    const started = performance.now()
    for (let n = 0; n < BURST; n++) publisher.publish(topic, { n })
    const expected = Array.from({ length: BURST }, (_, n) => ({ n }))
    const received = await Promise.all(clients.map((client) => client.take(BURST, 20_000)))
    console.log(`${BURST} messages to ${SUBSCRIBERS} subscribers on 3 instances: ${(performance.now() - started).toFixed(0)} ms`)
    received.forEach((messages) => expect(messages).toEqual(expected))
    expect(cluster.drivers[1]!.stats).toMatchObject({ published: BURST, dropped: 0 })
    expect(cluster.drivers[0]!.stats.received).toBe(BURST)
  }, 120_000)
})
