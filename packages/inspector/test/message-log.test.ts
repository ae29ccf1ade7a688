import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MessageLog } from '../src/message-log.js'

describe('message log', () => {
  it('keeps the last `capacity` entries, oldest first, numbered in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 60 }), (capacity, count) => {
        const log = new MessageLog(capacity)
        for (let i = 0; i < count; i++) log.add({ kind: 'in', data: String(i) })
        const kept = log.entries()
        expect(kept.map((e) => e.data)).toEqual(
          Array.from({ length: Math.min(capacity, count) }, (_, i) => String(count - Math.min(capacity, count) + i)),
        )
        expect(kept.map((e) => e.seq)).toEqual(kept.map((e) => Number(e.data) + 1))
      }),
    )
  })

  it('refuses a size that is not a positive integer', () => {
    expect(() => new MessageLog(0)).toThrow(/logSize/)
  })
})
