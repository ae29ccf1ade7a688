import { describe, expect, it } from 'vitest'
import { createMemoryHistory, type HistoryAppendOptions, type HistoryDriver, type HistoryPosition } from '../../src/index.js'
import { DurableTopics } from '../../src/history/durable-topics.js'

/** The memory log behind a queue of its own: one append at a time, each taking `ms`, as JetStream's driver runs a topic's appends. */
function queueing(ms: number): HistoryDriver & { calls: number } {
  const inner = createMemoryHistory()
  let tail: Promise<unknown> = Promise.resolve()
  const driver = {
    ...inner,
    name: 'queueing',
    queuesAppends: true,
    calls: 0,
    append(topic: string, frame: string, options: HistoryAppendOptions = {}): Promise<HistoryPosition> {
      driver.calls++
      const run = tail.then(async () => {
        options.started?.()
        await new Promise((resolve) => setTimeout(resolve, ms))
        return inner.append(topic, frame, options)
      })
      tail = run.catch(() => undefined)
      return run
    },
  }
  return driver
}

describe('durable appends behind a driver queue', () => {
  // 80 appends of 45 ms queue 3.6 s, past the 3 s an attempt may take: only the wait is long.
  it('a burst queued longer than the attempt timeout is appended once each, none timed out', async () => {
    const history = queueing(45)
    const errors: unknown[] = []
    const forwarded: number[] = []
    const durable = new DurableTopics(
      { topics: ['news'], history, poll: 0 },
      {
        members: () => undefined,
        send: () => undefined,
        forward: (_topic, frame) => forwarded.push((JSON.parse(frame) as { s: number }).s),
        error: (error) => errors.push(error),
      },
    )
    for (let i = 0; i < 80; i++) durable.publish('news', JSON.stringify(i), undefined)
    for (let i = 0; i < 1000 && forwarded.length < 80; i++) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(errors).toEqual([])
    expect(forwarded).toEqual(Array.from({ length: 80 }, (_, i) => i + 1))
    expect(history.calls, 'no attempt timed out and was retried').toBe(80)
    await durable.close()
  }, 20_000)
})
