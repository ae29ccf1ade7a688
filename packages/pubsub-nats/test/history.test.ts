import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { historyContract } from '../../core/test/history/contract.js'
import { createJetStreamHistory, type JetStreamHistory } from '../src/index.js'
import { runNatsTests, SHARED_NATS } from './nats-server.js'

// One stream for this file's run, on the shared server; every case uses fresh topics.
const prefix = `wsbridge-test.h${crypto.randomUUID().slice(0, 8)}`
const stream = `WSBRIDGE_TEST_${crypto.randomUUID().slice(0, 8).toUpperCase()}`
const make = (): JetStreamHistory => createJetStreamHistory({ servers: SHARED_NATS, prefix, stream, storage: 'memory' })
let n = 0
const freshTopic = (): string => `room:${++n} *.> é`

afterAll(async () => {
  const { connect } = await import('@nats-io/transport-node')
  const { jetstreamManager } = await import('@nats-io/jetstream')
  const nc = await connect({ servers: SHARED_NATS })
  await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined)
  await nc.close()
})

describe.skipIf(!runNatsTests)('JetStream history (shared NATS on 4222)', () => {
  historyContract('jetstream', make, freshTopic)

  it('gives concurrent appends from several instances one contiguous seq each', async () => {
    const drivers = [make(), make(), make()]
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 30 }), async (writers) => {
        const topic = freshTopic()
        const positions = await Promise.all(writers.map((w, i) => drivers[w]!.append(topic, JSON.stringify(i))))
        expect(positions.map((p) => p.seq).sort((a, b) => a - b)).toEqual(writers.map((_, i) => i + 1))
        const read = await drivers[0]!.read(topic, undefined, 100)
        expect(read.entries.map((e) => e.seq)).toEqual(writers.map((_, i) => i + 1))
        // Each seq holds the frame its append was answered with.
        for (const [i, p] of positions.entries()) expect(read.entries[p.seq - 1]?.frame).toBe(JSON.stringify(i))
      }),
      { numRuns: 15 },
    )
    await Promise.all(drivers.map((d) => d.close()))
  })

  it('answers an append retried while the first is still queued from that first one: one entry', async () => {
    const history = make()
    const topic = freshTopic()
    // A burst queues appends one behind another; the retry of the last (same id) joins it.
    const burst = Array.from({ length: 20 }, (_, i) => history.append(topic, String(i), { id: `burst-${i}` }))
    const retry = history.append(topic, '19', { id: 'burst-19' })
    expect(retry, 'the retry joins the queued first attempt').toBe(burst.at(-1))
    const positions = await Promise.all([...burst, retry])
    expect(positions.at(-1)).toEqual(positions.at(-2))
    expect((await history.read(topic, undefined, 100)).entries.map((e) => e.frame)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)))
    await history.close()
  })

  it('reports each queued append as started when it leaves the queue, in order, not when called', async () => {
    const history = make()
    const topic = freshTopic()
    const events: string[] = []
    const burst = Array.from({ length: 6 }, (_, i) =>
      history
        .append(topic, String(i), { id: `s-${i}`, started: () => events.push(`start ${i}`) })
        .then((p) => events.push(`done ${i}`) && p),
    )
    // A retry of a queued append (same id) is reported started when the first attempt is.
    const retry = history.append(topic, '5', { id: 's-5', started: () => events.push('start retry of 5') })
    expect(events, 'nothing has left the queue yet').toEqual([])
    await Promise.all([...burst, retry])
    expect(history.queuesAppends).toBe(true)
    const starts = events.filter((e) => /^start \d$/.test(e))
    expect(starts).toEqual(Array.from({ length: 6 }, (_, i) => `start ${i}`))
    // An append leaves the queue once the one before it is stored: none starts before the one two back answered.
    for (let i = 2; i < 6; i++) expect(events.indexOf(`start ${i}`)).toBeGreaterThan(events.indexOf(`done ${i - 2}`))
    expect(events.indexOf('start retry of 5')).toBeGreaterThan(events.indexOf('start 5'))
    await history.close()
  })

  it('trims by count on the first append here, then once per tenth of maxLength: never fewer kept, at most 10% more', async () => {
    const history = make()
    const topic = freshTopic()
    for (let i = 1; i <= 130; i++) await history.append(topic, String(i))
    await history.append(topic, '131', { maxLength: 100 })
    expect(await history.read(topic, undefined, 0)).toMatchObject({ floor: 31, last: 131 })
    for (let i = 132; i <= 260; i++) {
      await history.append(topic, String(i), { maxLength: 100 })
      const { floor, last } = await history.read(topic, undefined, 0)
      expect(last - floor).toBeGreaterThanOrEqual(100)
      expect(last - floor).toBeLessThanOrEqual(110)
    }
    await history.close()
  })

  it('keeps topics apart, whatever their names', async () => {
    const history = make()
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.string({ unit: 'binary' }), { minLength: 2, maxLength: 4 }), async (names) => {
        const run = crypto.randomUUID()
        for (const name of names) await history.append(run + name, JSON.stringify(name))
        for (const name of names)
          expect((await history.read(run + name, undefined, 10)).entries.map((e) => e.frame)).toEqual([JSON.stringify(name)])
      }),
      { numRuns: 10 },
    )
    await history.close()
  })

  it('reads from the middle of a long log with a binary search, and trims on append', async () => {
    const history = make()
    const topic = freshTopic()
    const noise = freshTopic()
    for (let i = 1; i <= 200; i++) {
      await history.append(topic, String(i))
      if (i % 3 === 0) await history.append(noise, String(i))
    }
    const { epoch } = await history.append(topic, '201', { maxLength: 150 })
    const started = performance.now()
    const read = await history.read(topic, { epoch, seq: 120 }, 20)
    const readMs = performance.now() - started
    expect(read).toMatchObject({ floor: 51, last: 201 })
    expect(read.entries.map((e) => e.frame)).toEqual(Array.from({ length: 20 }, (_, i) => String(121 + i)))
    // A position below the floor reads from the oldest held entry; the reader's gap is the bridge's to announce.
    expect((await history.read(topic, { epoch, seq: 10 }, 2)).entries.map((e) => e.seq)).toEqual([52, 53])
    // A fractional position or limit (hostile) reads as the whole numbers below it, on both read paths.
    expect((await history.read(topic, { epoch, seq: 120.5 }, 12.7)).entries.map((e) => e.seq)).toEqual(
      Array.from({ length: 12 }, (_, i) => 121 + i),
    )
    expect((await history.read(topic, { epoch, seq: 199.5 }, 3.9)).entries.map((e) => e.seq)).toEqual([200, 201])
    console.log(`read of 20 entries from the middle of 150 (interleaved with another topic): ${readMs.toFixed(1)} ms`)
    await history.close()
  })

  it('keeps a topic newest entry when trimming everything, so its seqs continue', async () => {
    const history = make()
    const topic = freshTopic()
    await history.append(topic, 'a')
    await history.append(topic, 'b')
    await history.trim(topic, { maxLength: 0 })
    await new Promise((resolve) => setTimeout(resolve, 20))
    await history.trim(topic, { maxAge: 1 })
    expect(await history.read(topic, undefined, 10)).toMatchObject({ floor: 1, last: 2, entries: [{ seq: 2, frame: 'b' }] })
    expect((await history.append(topic, 'c')).seq).toBe(3)
    await history.close()
  })
})
