import { roomTopic } from '@wsbridge/core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createNatsPubSub } from '../src/index.js'
import { startCluster, type Cluster } from './cluster.js'
import { OwnNats, runOwnNatsTests, waitFor } from './nats-server.js'
import { RecordingSink } from './sink.js'

// This file starts its own nats-server (a free port, its own storage) so it can kill and restart it.
describe.skipIf(!runOwnNatsTests)('across a NATS restart (a nats-server this test owns)', () => {
  let nats: OwnNats | undefined
  let cluster: Cluster | undefined
  afterEach(async () => {
    await cluster?.close()
    cluster = undefined
  })
  afterAll(async () => nats?.dispose())

  it('the driver reports the outage once, drops publishes during it, then resubscribes and delivers again', async () => {
    nats = await OwnNats.start()
    const fast = { reconnectTimeWait: 100 }
    const a = createNatsPubSub({ servers: nats.url, nats: fast })
    const b = createNatsPubSub({ servers: nats.url, nats: fast })
    const sa = new RecordingSink()
    const sb = new RecordingSink()
    a.start(sa)
    b.start(sb)
    await Promise.all([a.ready(), b.ready()])
    a.subscribe('room')
    await a.flush()
    b.publish({ topics: ['room'], frame: '"before"' })
    await waitFor(() => sa.delivered.length === 1, 'delivery before the restart')

    const killedAt = performance.now()
    await nats.kill()
    await waitFor(() => sa.errors.length > 0 && sb.errors.length > 0, 'errors reported to both bridges')
    const reportedAfter = performance.now() - killedAt
    b.publish({ topics: ['room'], frame: '"during"' })
    b.publish({ topics: ['room'], frame: '"during 2"' })
    expect(b.stats.dropped).toBe(2)
    await new Promise((r) => setTimeout(r, 500))
    // Reconnect attempts every 100 ms fail, yet each hook heard once about the outage (and b once about dropping).
    expect(sa.errors).toHaveLength(1)
    expect(sb.errors).toHaveLength(2)
    expect(String(sa.errors[0])).toMatch(/pubsub-nats/)

    await nats.restart()
    let n = 0
    await waitFor(() => {
      b.publish({ topics: ['room'], frame: `"after ${n++}"` })
      return sa.delivered.length > 1
    }, 'delivery after the restart')
    expect(sa.frames()[0]).toBe('"before"')
    expect(sa.frames()).not.toContain('"during"')
    expect(String(sa.frames()[1])).toMatch(/^"after \d+"$/)
    console.log(`outage reported ${reportedAfter.toFixed(0)} ms after SIGKILL; ${n} publishes until one crossed after the restart`)
    await Promise.all([a.close(), b.close()])
  })

  it('delivery between instances resumes after NATS is killed and restarted on the same port', async () => {
    nats ??= await OwnNats.start()
    cluster = await startCluster(nats.url, ['node-ws', 'hono-node'], { reconnectTimeWait: 100 })
    const a = await cluster.connect(0, '/chat?room=lobby')
    const b = await cluster.connect(1, '/chat?room=lobby')
    await cluster.subscribed()
    a.send({ type: 'say', text: 'before', rooms: ['lobby'] })
    expect(await b.next()).toMatchObject({ text: 'before' })

    await nats.kill()
    await waitFor(() => cluster!.errors.length >= 2, 'the outage reaching the error hooks')
    expect(cluster.logged.some((line) => line.startsWith('[wsbridge] PUBSUB_ERROR'))).toBe(true)
    // Local delivery keeps working during the outage; the remote copy is dropped (at-most-once).
    const c = await cluster.connect(0, '/chat?room=lobby')
    a.send({ type: 'say', text: 'during', rooms: ['lobby'] })
    expect(await c.next()).toMatchObject({ text: 'during' })

    await nats.restart()
    await waitFor(
      async () =>
        cluster!.subscribed().then(
          () => true,
          () => false,
        ),
      'both drivers reconnected',
    )
    a.send({ type: 'say', text: 'after', rooms: ['lobby'] })
    expect(await b.next()).toMatchObject({ text: 'after' })
    expect(b.frames.map((f) => (f.kind === 'text' ? f.text : '')).some((text) => text.includes('during'))).toBe(false)
    expect(cluster.instances[0]!.bridge.subscriberCount(roomTopic('chat', 'lobby'))).toBe(2)
  })
})
