import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { HistoryDriver } from '../../src/index.js'

/**
 * Cases every history driver must pass (run here for the memory driver and by
 * @wsbridge/history-redis against a real Redis). `topic()` must answer a fresh topic per call.
 */
export function historyContract(name: string, make: () => HistoryDriver, topic: () => string): void {
  describe(`history driver contract: ${name}`, () => {
    it('assigns contiguous seqs from 1 in one epoch and reads them back in order', async () => {
      const history = make()
      const t = topic()
      const positions = []
      for (let i = 0; i < 5; i++) positions.push(await history.append(t, JSON.stringify({ i })))
      expect(positions.map((p) => p.seq)).toEqual([1, 2, 3, 4, 5])
      expect(new Set(positions.map((p) => p.epoch)).size).toBe(1)
      const read = await history.read(t, positions[1], 10)
      expect(read).toMatchObject({ epoch: positions[0]!.epoch, floor: 0, last: 5 })
      expect(read.entries.map((e) => [e.seq, e.frame])).toEqual([3, 4, 5].map((s) => [s, JSON.stringify({ i: s - 1 })]))
      expect((await history.read(t, positions[1], 2)).entries.map((e) => e.seq)).toEqual([3, 4])
      await history.close()
    })

    it('reads an unknown topic as an empty log', async () => {
      const history = make()
      const read = await history.read(topic(), undefined, 10)
      expect(read).toMatchObject({ entries: [], floor: 0, last: 0 })
      await history.close()
    })

    it('reads from the oldest held entry for a foreign epoch or no position', async () => {
      const history = make()
      const t = topic()
      await history.append(t, '1')
      await history.append(t, '2')
      expect((await history.read(t, { epoch: 'not-this', seq: 1 }, 10)).entries.map((e) => e.seq)).toEqual([1, 2])
      expect((await history.read(t, undefined, 10)).entries.map((e) => e.seq)).toEqual([1, 2])
      await history.close()
    })

    it('trims by count and by age, raising the floor', async () => {
      const history = make()
      const t = topic()
      for (let i = 0; i < 6; i++) await history.append(t, String(i))
      await history.trim(t, { maxLength: 2 })
      const byCount = await history.read(t, undefined, 10)
      expect(byCount.entries.map((e) => e.seq)).toEqual([5, 6])
      expect(byCount.floor).toBe(4)
      // maxAge reaches back to just after the old entries, whatever time the append and the trim
      // take: a fixed 10 ms age also trimmed the fresh entry on a loaded machine.
      const old = Date.now()
      await new Promise((resolve) => setTimeout(resolve, 300))
      await history.append(t, 'fresh')
      await history.trim(t, { maxAge: Date.now() - old - 1 })
      const byAge = await history.read(t, undefined, 10)
      expect(byAge.entries.map((e) => e.seq)).toEqual([7])
      expect(byAge).toMatchObject({ floor: 6, last: 7 })
      await history.close()
    })

    it('stores a retried append (same id) once', async () => {
      const history = make()
      const t = topic()
      const first = await history.append(t, 'a', { id: 'p1:1' })
      const retry = await history.append(t, 'a', { id: 'p1:1' })
      const next = await history.append(t, 'b', { id: 'p1:2' })
      expect(retry).toEqual(first)
      expect(next.seq).toBe(first.seq + 1)
      expect((await history.read(t, undefined, 10)).entries.map((e) => e.frame)).toEqual(['a', 'b'])
      await history.close()
    })

    it('answers any position, however hostile, with entries after it and never throws', async () => {
      const history = make()
      const t = topic()
      const { epoch } = await history.append(t, '1')
      await history.append(t, '2')
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.constant(epoch), fc.string()),
          fc.integer(),
          fc.integer({ min: -5, max: 50 }),
          async (e, seq, limit) => {
            const read = await history.read(t, { epoch: e, seq }, limit)
            const after = e === epoch ? seq : 0
            const expected = [1, 2].filter((s) => s > after).slice(0, Math.max(0, limit))
            expect(read.entries.map((entry) => entry.seq)).toEqual(expected)
          },
        ),
        { numRuns: 60 },
      )
      await history.close()
    })
  })
}
