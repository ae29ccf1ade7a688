import { roomTopic, type PresenceMember } from '@wsbridge/core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { startCluster, type Cluster } from './cluster.js'
import { OwnRedis, runOwnRedisTests, runRedisTests, SHARED_REDIS_URL, waitFor } from './redis-server.js'

let cluster: Cluster | undefined
afterEach(async () => {
  await cluster?.close()
  cluster = undefined
})

const names = (members: PresenceMember[]): string[] => members.map((m) => (m.user as { name: string }).name).sort()

describe.skipIf(!runRedisTests)('cluster-wide presence through Redis', () => {
  it('every instance lists the members of every instance, and leaves disappear', async () => {
    cluster = await startCluster(SHARED_REDIS_URL, ['node-ws', 'express', 'hono-node'], {}, true)
    const c = cluster
    const topic = roomTopic('chat', 'lobby')
    await c.connect(0, '/chat?room=lobby&name=ann')
    const bob = await c.connect(1, '/chat?room=lobby&name=bob')
    await c.connect(2, '/chat?room=lobby&name=cy')
    await c.connect(2, '/chat?room=elsewhere&name=dee')
    await waitFor(async () => (await c.instances[0]!.bridge.clusterPresence(topic)).length === 3, 'three members')
    for (const instance of c.instances) expect(names(await instance.bridge.clusterPresence(topic))).toEqual(['ann', 'bob', 'cy'])
    expect(names(c.instances[2]!.bridge.presence(topic))).toEqual(['cy'])

    bob.close()
    await waitFor(async () => names(await c.instances[2]!.bridge.clusterPresence(topic)).join() === 'ann,cy', 'bob leaving')
  })
})

describe.skipIf(!runOwnRedisTests)('cluster-wide presence across a Redis restart', () => {
  let redis: OwnRedis | undefined
  afterAll(async () => redis?.kill())

  it('rewrites each instance members after Redis comes back empty', async () => {
    redis = await OwnRedis.start()
    cluster = await startCluster(redis.url, ['node-ws', 'hono-node'], { retryStrategy: () => 100 }, true, true)
    const c = cluster
    const topic = roomTopic('chat', 'lobby')
    await c.connect(0, '/chat?room=lobby&name=ann')
    await c.connect(1, '/chat?room=lobby&name=bob')
    await waitFor(async () => (await c.instances[0]!.bridge.clusterPresence(topic)).length === 2, 'two members')

    await redis.kill()
    // While Redis is down the answer falls back to this instance's own members.
    await waitFor(() => c.errors.length > 0, 'the outage being reported')
    // The outage is logged as PUBSUB_ERROR lines (recorded here, not printed).
    expect(c.logged.length).toBeGreaterThan(0)
    for (const line of c.logged) expect(line).toMatch(/^\[wsbridge\] PUBSUB_ERROR: \[wsbridge\/pubsub-redis\] /)
    expect(names(await c.instances[0]!.bridge.clusterPresence(topic))).toEqual(['ann'])
    // A member joins during the outage; the restarted Redis has no data at all (no persistence).
    await c.connect(1, '/chat?room=lobby&name=cy')
    await redis.restart()
    await waitFor(
      async () => names(await c.instances[0]!.bridge.clusterPresence(topic)).join() === 'ann,bob,cy',
      'presence rebuilt after restart',
    )
  })
})
