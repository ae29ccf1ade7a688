import { describe, expect, it } from 'vitest'
import { aggregateFinals, spread } from '../src/soak/aggregate.js'
import type { SoakStats } from '../src/soak/tally.js'

/** A server process's final figures that pass on their own, with `changes` on top. */
const final = (pid: number, opened: number, changes: Partial<SoakStats> = {}): SoakStats => ({
  pid,
  heap: 1,
  lag: 0,
  connections: 0,
  topics: 0,
  opened,
  once: opened,
  more: 0,
  never: 0,
  closeCodes: { '1000': opened },
  ...changes,
})

describe('aggregateFinals', () => {
  it('sums opens, onClose counts and close codes over the server processes', () => {
    const totals = aggregateFinals([
      final(1, 30, { closeCodes: { '1000': 20, '1006 Heartbeat timeout': 10 } }),
      final(2, 12, { closeCodes: { '1000': 5, '1006': 7 } }),
    ])
    expect(totals).toMatchObject({ opened: 42, once: 42, more: 0, never: 0, closes: 42, failing: [], idle: [], ok: true })
    expect(totals.closeCodes).toEqual({ '1000': 25, '1006 Heartbeat timeout': 10, '1006': 7 })
  })

  it('fails the process whose own accounting is off, even when the sums would balance', () => {
    // Process 1 ran one onClose twice and process 2 missed one: once equals opened in the sum.
    const totals = aggregateFinals([final(1, 10, { once: 11, more: 1 }), final(2, 10, { once: 9, never: 1 })])
    expect(totals.once).toBe(totals.opened)
    expect(totals.failing).toEqual([1, 2])
    expect(totals.ok).toBe(false)
  })

  it('fails when a registry or a topic index is not empty at the end', () => {
    expect(aggregateFinals([final(1, 5), final(2, 5, { connections: 1 })]).failing).toEqual([2])
    expect(aggregateFinals([final(1, 5, { topics: 3 }), final(2, 5)]).failing).toEqual([1])
  })

  it('fails when one of several processes sharing the port never got a connection', () => {
    const totals = aggregateFinals([final(1, 50), final(2, 0)])
    expect(totals.idle).toEqual([2])
    expect(totals.ok).toBe(false)
    expect(aggregateFinals([final(1, 50)]).ok).toBe(true)
  })

  it('fails with no process or no connection at all', () => {
    expect(aggregateFinals([]).ok).toBe(false)
    expect(aggregateFinals([final(1, 0)]).ok).toBe(false)
  })
})

describe('spread', () => {
  it('is the busiest share over the mean share', () => {
    expect(spread([100, 100])).toBe(1)
    expect(spread([150, 50])).toBe(1.5)
    expect(spread([0, 0, 0])).toBe(1)
  })
})
