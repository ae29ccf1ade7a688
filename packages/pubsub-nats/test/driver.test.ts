import { afterEach, describe, expect, it } from 'vitest'
import { createNatsPubSub, type NatsPubSub } from '../src/index.js'
import { runNatsTests, SHARED_NATS, testPrefix, waitFor } from './nats-server.js'
import { RecordingSink } from './sink.js'

const open: NatsPubSub[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((driver) => driver.close()))
})

/** Two drivers on the shared NATS with a prefix of their own, so parallel runs never cross. */
async function driverPair(): Promise<{ a: NatsPubSub; b: NatsPubSub; sa: RecordingSink; sb: RecordingSink }> {
  const prefix = testPrefix()
  const a = createNatsPubSub({ servers: SHARED_NATS, prefix })
  const b = createNatsPubSub({ servers: SHARED_NATS, prefix })
  const sa = new RecordingSink()
  const sb = new RecordingSink()
  a.start(sa)
  b.start(sb)
  open.push(a, b)
  await Promise.all([a.ready(), b.ready()])
  return { a, b, sa, sb }
}

describe.skipIf(!runNatsTests)('nats driver (shared NATS on 4222)', () => {
  it('carries a publish to the other instance with its sender id, and never echoes it back', async () => {
    const { a, b, sa, sb } = await driverPair()
    a.subscribe('room')
    b.subscribe('room')
    await Promise.all([a.flush(), b.flush()])
    b.publish({ topics: ['room'], frame: '{"hi":1}', senderId: 'conn-1' })
    await waitFor(() => sa.delivered.length === 1, 'delivery to a')
    expect(sa.delivered[0]).toEqual({ message: { topics: ['room'], frame: '{"hi":1}', senderId: 'conn-1' }, via: 'room' })
    // The marker from a arriving at b proves b's own earlier publish had time to come back: it must not.
    a.publish({ topics: ['room'], frame: '"marker"' })
    await waitFor(() => sb.delivered.length === 1, 'marker to b')
    expect(sb.frames()).toEqual(['"marker"'])
    expect(sa.frames()).toEqual(['{"hi":1}'])
    expect([a.stats.received, b.stats.received]).toEqual([1, 1])
  })

  it('keeps binary frames byte-exact and text frames with any characters', async () => {
    const { a, b, sa } = await driverPair()
    a.subscribe('bin')
    await a.flush()
    const bytes = new Uint8Array([0, 10, 255, 13, 10, 7])
    b.publish({ topics: ['bin'], frame: bytes })
    b.publish({ topics: ['bin'], frame: '"line\\nbreak ünïcødé 🎉"' })
    await waitFor(() => sa.delivered.length === 2, 'two deliveries')
    expect(sa.delivered[0]?.message.frame).toEqual(bytes)
    expect(sa.delivered[1]?.message.frame).toBe('"line\\nbreak ünïcødé 🎉"')
  })

  it('stops receiving a topic once its last local subscriber left', async () => {
    const { a, b, sa } = await driverPair()
    a.subscribe('t')
    a.subscribe('u')
    await a.flush()
    a.unsubscribe('t')
    await a.flush()
    b.publish({ topics: ['t'], frame: '"gone"' })
    b.publish({ topics: ['u'], frame: '"kept"' })
    await waitFor(() => sa.delivered.length === 1, 'delivery on u')
    await b.flush()
    await a.flush()
    expect(sa.frames()).toEqual(['"kept"'])
  })

  it('sends a multi-topic publish on each subject for the receiver to deduplicate', async () => {
    const { a, b, sa } = await driverPair()
    a.subscribe('r1')
    a.subscribe('r2')
    await a.flush()
    b.publish({ topics: ['r1', 'r2'], frame: '"x"' })
    await waitFor(() => sa.delivered.length === 2, 'one copy per subject')
    expect(sa.delivered.map((d) => d.via).sort()).toEqual(['r1', 'r2'])
    expect(b.stats.published).toBe(2)
  })

  it('close() releases its subscriptions and drops later publishes', async () => {
    const { a, b, sb } = await driverPair()
    b.subscribe('gone')
    await b.flush()
    await a.close()
    a.publish({ topics: ['gone'], frame: '1' })
    expect(a.stats.dropped).toBe(1)
    await b.close()
    b.publish({ topics: ['gone'], frame: '2' })
    expect(sb.delivered).toEqual([])
  })

  it('ignores payloads on its subjects that are not wsbridge envelopes', async () => {
    const prefix = testPrefix()
    const a = createNatsPubSub({ servers: SHARED_NATS, prefix })
    const sa = new RecordingSink()
    a.start(sa)
    open.push(a)
    await a.ready()
    a.subscribe('room')
    await a.flush()
    const { connect } = await import('@nats-io/transport-node')
    const other = await connect({ servers: SHARED_NATS })
    const { topicToken } = await import('../src/index.js')
    for (const junk of ['no header', '{"v":2,"i":"x","t":[]}\nframe', '{not json\nframe', ''])
      other.publish(`${prefix}.t.${topicToken('room')}`, junk)
    await other.flush()
    await other.close()
    await a.flush()
    expect(sa.delivered).toEqual([])
    expect(sa.errors).toEqual([])
  })
})

describe('nats driver without a reachable NATS', () => {
  it('reports the failure once, drops publishes, and does not crash', async () => {
    const driver = createNatsPubSub({ servers: '127.0.0.1:1', nats: { reconnectTimeWait: 100 } })
    const sink = new RecordingSink()
    driver.start(sink)
    open.push(driver)
    await waitFor(() => sink.errors.length >= 1, 'the connection error')
    driver.publish({ topics: ['t'], frame: '1' })
    driver.publish({ topics: ['t'], frame: '2' })
    expect(driver.stats.dropped).toBe(2)
    await new Promise((r) => setTimeout(r, 700))
    // Attempts keep failing every 100 ms, but the hook hears once about the connection and once about dropping.
    expect(sink.errors).toHaveLength(2)
    expect(String(sink.errors[0])).toMatch(/pubsub-nats/)
    await expect(driver.flush()).rejects.toThrow(/not connected/)
  })

  it('refuses a prefix that is not plain subject tokens', () => {
    for (const prefix of ['', 'a b', 'a.*', 'a.>', 'a..b', '.a', 'a.']) expect(() => createNatsPubSub({ prefix })).toThrow(/prefix/)
  })
})
