import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createMemoryPubSubBus, defineRoute, type HistoryDriver, type PubSubDriver } from '../../src/index.js'
import { bridgeOf, connect } from '../pubsub/helpers.js'

const routes = {
  feed: defineRoute({ kind: 'ws', resume: true, handler: { onOpen: (c) => c.subscribe('news'), onMessage: () => undefined } }),
}

type Stamped = { '~': 'msg'; t: string; e: string; s: number; d: unknown }
type Gap = { '~': 'gap'; t: string; e: string; after: number; next: number }
const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  expect(condition()).toBe(true)
}
const stamped = (messages: unknown[]): Stamped[] => messages.filter((m): m is Stamped => (m as Stamped)['~'] === 'msg')
const resumeUrl = (position: [string, number]): string => `/feed?~resume=${encodeURIComponent(JSON.stringify({ news: position }))}`

/** A driver that loses every `n`th message, as an at-most-once backplane does during an outage. */
function lossy(driver: PubSubDriver, n: number): PubSubDriver {
  let count = 0
  return {
    ...driver,
    name: 'lossy',
    publish: (message) => (++count % n === 0 ? undefined : driver.publish(message)),
    start: (sink) => driver.start(sink),
  }
}

function cluster(history: HistoryDriver, lose = 0) {
  const bus = createMemoryPubSubBus()
  const options = (n: number) => ({
    pubsub: lose ? lossy(bus.driver(), lose + n) : bus.driver(),
    durable: { topics: ['news'], history, poll: 20 },
  })
  return [bridgeOf(routes, options(0)), bridgeOf(routes, options(1))] as const
}

describe('durable topics across instances', () => {
  it('a client that reconnects to another instance gets exactly what it missed, in order, then live ones', async () => {
    const [a, b] = cluster(createMemoryHistory())
    const first = await connect(a, '/feed')
    for (let i = 1; i <= 3; i++) (i % 2 ? a : b).publish('news', { i })
    await until(() => stamped(first.messages()).length === 3)
    const seen = stamped(first.messages())
    expect(seen.map((m) => [m.s, m.d])).toEqual([
      [1, { i: 1 }],
      [2, { i: 2 }],
      [3, { i: 3 }],
    ])
    first.close()
    for (let i = 4; i <= 6; i++) (i % 2 ? a : b).publish('news', { i })
    const again = await connect(b, resumeUrl([seen[2]!.e, 3]))
    b.publish('news', { i: 7 })
    await until(() => stamped(again.messages()).length === 4)
    expect(again.messages().map((m) => [(m as Stamped).s, (m as Stamped).d])).toEqual([
      [4, { i: 4 }],
      [5, { i: 5 }],
      [6, { i: 6 }],
      [7, { i: 7 }],
    ])
  })

  it('fills what the backplane lost from the log: no loss, no repeat, order kept', async () => {
    const [a, b] = cluster(createMemoryHistory(), 3)
    const onA = await connect(a, '/feed')
    const onB = await connect(b, '/feed')
    for (let i = 1; i <= 40; i++) (i % 3 ? a : b).publish('news', { i })
    await until(() => stamped(onA.messages()).length === 40 && stamped(onB.messages()).length === 40)
    for (const socket of [onA, onB]) expect(stamped(socket.messages()).map((m) => m.s)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
  })

  it('announces a gap only when the log no longer holds what was missed', async () => {
    const history = createMemoryHistory()
    const [a] = cluster(history)
    const { epoch } = await history.append('news', '{"old":1}')
    for (let i = 0; i < 5; i++) await history.append('news', '{"x":1}', { maxLength: 3 })
    const covered = await connect(a, resumeUrl([epoch, 3]))
    const gapped = await connect(a, resumeUrl([epoch, 1]))
    await until(() => stamped(gapped.messages()).length === 3)
    expect(covered.messages().map((m) => (m as Stamped).s)).toEqual([4, 5, 6])
    expect(gapped.messages()[0]).toEqual({ '~': 'gap', t: 'news', e: epoch, after: 1, next: 4 } satisfies Gap)
  })

  it('answers any client position, however hostile, with one documented outcome and no throw', async () => {
    const history = createMemoryHistory()
    const [a] = cluster(history)
    const { epoch } = await history.append('news', '{"n":1}')
    await history.append('news', '{"n":2}')
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(epoch), fc.string()), fc.oneof(fc.integer(), fc.double(), fc.string()), async (e, s) => {
        const socket = await connect(a, `/feed?~resume=${encodeURIComponent(JSON.stringify({ news: [e, s] }))}`)
        await new Promise((resolve) => setTimeout(resolve, 2))
        const valid = typeof s === 'number' && Number.isSafeInteger(s) && s >= 0
        const frames = socket.messages() as (Stamped | Gap)[]
        if (!valid) expect(frames).toEqual([])
        else if (e !== epoch) expect(frames.map((f) => (f['~'] === 'msg' ? f.s : 'gap'))).toEqual(['gap', 1, 2])
        else if (s > 2) expect(frames).toEqual([{ '~': 'gap', t: 'news', e: epoch, after: s, next: 3 }])
        else expect(frames.map((f) => (f as Stamped).s)).toEqual([1, 2].filter((n) => n > s))
        socket.close()
      }),
      { numRuns: 80 },
    )
  })
})
