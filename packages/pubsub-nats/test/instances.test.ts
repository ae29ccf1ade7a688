import { expectSilence } from '@wsbridge/conformance'
import { afterEach, describe, expect, it } from 'vitest'
import { startCluster, type Cluster } from './cluster.js'
import { runNatsTests, SHARED_NATS } from './nats-server.js'

let cluster: Cluster | undefined
afterEach(async () => {
  await cluster?.close()
  cluster = undefined
})

describe.skipIf(!runNatsTests)('instances on different adapters sharing NATS', () => {
  it('two instances (node-ws + express): room messages cross, the sender is excluded, includeSelf delivers exactly once', async () => {
    cluster = await startCluster(SHARED_NATS, ['node-ws', 'express'])
    const a = await cluster.connect(0, '/chat?room=lobby')
    const c = await cluster.connect(0, '/chat?room=lobby')
    const b = await cluster.connect(1, '/chat?room=lobby')
    await cluster.subscribed()

    a.send({ type: 'say', text: 'hi', rooms: ['lobby'] })
    expect(await a.next()).toEqual({ ack: 'say' })
    expect(await b.next()).toEqual({ text: 'hi', from: expect.any(String) })
    expect(await c.next()).toMatchObject({ text: 'hi' })

    a.send({ type: 'say', text: 'me too', rooms: ['lobby'], includeSelf: true })
    expect(await a.take(2)).toEqual([{ text: 'me too', from: expect.any(String) }, { ack: 'say' }])
    expect(await b.next()).toMatchObject({ text: 'me too' })
    expect(await c.next()).toMatchObject({ text: 'me too' })
    // No second copy comes back to the publishing instance through NATS.
    await Promise.all([a, b, c].map((client) => expectSilence(client, 200)))
  })

  it('three instances (node-ws + express + hono-node): rooms, multi-room dedup, route-wide broadcast and bridge.publish from an HTTP route', async () => {
    cluster = await startCluster(SHARED_NATS, ['node-ws', 'express', 'hono-node'])
    const [r1, both, r2] = await Promise.all([
      cluster.connect(0, '/chat?room=r1'),
      cluster.connect(1, '/chat?room=r1'),
      cluster.connect(2, '/chat?room=r2'),
    ])
    both.send({ type: 'join', room: 'r2' })
    expect(await both.next()).toEqual({ ack: 'join' })
    const otherRoute = await cluster.connect(2, '/other')
    await cluster.subscribed()

    // From hono-node to rooms r1 and r2: `both` (express, in both rooms) gets it once.
    r2.send({ type: 'say', text: 'two rooms', rooms: ['r1', 'r2'] })
    expect(await r2.next()).toEqual({ ack: 'say' })
    expect(await r1.next()).toMatchObject({ text: 'two rooms' })
    expect(await both.next()).toMatchObject({ text: 'two rooms' })

    // Without rooms: everyone on the chat route, on every instance, and nobody on /other.
    r1.send({ type: 'say', text: 'everyone' })
    expect(await r1.next()).toEqual({ ack: 'say' })
    expect(await both.next()).toMatchObject({ text: 'everyone' })
    expect(await r2.next()).toMatchObject({ text: 'everyone' })

    // bridge.publish from Express's own HTTP route reaches room r1 on node-ws too.
    const express = cluster.instances[1]!
    const response = await fetch(`http://127.0.0.1:${express.port}/notify/r1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notice: 'from http' }),
    })
    expect(await response.json()).toEqual({ delivered: 1 })
    expect(await both.next()).toEqual({ notice: 'from http' })
    expect(await r1.next()).toEqual({ notice: 'from http' })

    await Promise.all([r1, both, r2, otherRoute].map((client) => expectSilence(client, 200)))
    expect(cluster.errors).toEqual([])
  })
})
