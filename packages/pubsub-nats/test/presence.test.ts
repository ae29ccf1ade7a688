import { roomTopic, type PresenceMember } from '@wsbridge/core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { startCluster, type Cluster } from './cluster.js'
import { OwnNats, runNatsTests, runOwnNatsTests, SHARED_NATS, waitFor } from './nats-server.js'

let cluster: Cluster | undefined
afterEach(async () => {
  await cluster?.close()
  cluster = undefined
})

const names = (members: PresenceMember[]): string[] => members.map((m) => (m.user as { name: string }).name).sort()

describe.skipIf(!runNatsTests)('cluster-wide presence through NATS', () => {
  it('every instance lists the members of every instance, and leaves disappear', async () => {
    cluster = await startCluster(SHARED_NATS, ['node-ws', 'express', 'hono-node'], {}, true)
    const c = cluster
    const topic = roomTopic('chat', 'lobby')
    await c.connect(0, '/chat?room=lobby&name=ann')
    const bob = await c.connect(1, '/chat?room=lobby&name=bob')
    await c.connect(2, '/chat?room=lobby&name=cy')
    await c.connect(2, '/chat?room=elsewhere&name=dee')
    await waitFor(async () => (await c.instances[0]!.bridge.clusterPresence(topic)).length === 3, 'three members')
    for (const instance of c.instances) expect(names(await instance.bridge.clusterPresence(topic))).toEqual(['ann', 'bob', 'cy'])
    expect(names(await c.instances[1]!.bridge.clusterPresence(roomTopic('chat', 'elsewhere')))).toEqual(['dee'])
    expect(names(await c.instances[1]!.bridge.clusterPresence(roomTopic('chat', 'nobody')))).toEqual([])

    bob.close()
    await waitFor(async () => names(await c.instances[2]!.bridge.clusterPresence(topic)).join() === 'ann,cy', 'bob leaving')
    expect(c.errors).toEqual([])
  })

  it('answers at once when no other instance has members (the server reports no responders)', async () => {
    cluster = await startCluster(SHARED_NATS, ['node-ws', 'express'], {}, true)
    const c = cluster
    await c.connect(0, '/chat?room=solo&name=ann')
    const started = performance.now()
    expect(names(await c.instances[0]!.bridge.clusterPresence(roomTopic('chat', 'solo')))).toEqual(['ann'])
    expect(performance.now() - started).toBeLessThan(500)
  })
})

describe.skipIf(!runOwnNatsTests)('cluster-wide presence across a NATS restart', () => {
  let nats: OwnNats | undefined
  afterAll(async () => nats?.dispose())

  it('falls back to local members during the outage and answers for everyone after the restart', async () => {
    nats = await OwnNats.start()
    cluster = await startCluster(nats.url, ['node-ws', 'hono-node'], { reconnectTimeWait: 100 }, true)
    const c = cluster
    const topic = roomTopic('chat', 'lobby')
    await c.connect(0, '/chat?room=lobby&name=ann')
    await c.connect(1, '/chat?room=lobby&name=bob')
    await waitFor(async () => (await c.instances[0]!.bridge.clusterPresence(topic)).length === 2, 'two members')

    await nats.kill()
    await waitFor(() => c.errors.length > 0, 'the outage being reported')
    expect(names(await c.instances[0]!.bridge.clusterPresence(topic))).toEqual(['ann'])
    // A member joins during the outage; the restarted server knows nothing of anyone.
    await c.connect(1, '/chat?room=lobby&name=cy')
    await nats.restart()
    await waitFor(async () => names(await c.instances[0]!.bridge.clusterPresence(topic)).join() === 'ann,bob,cy', 'presence after restart')
  })
})
