import { describe, expect, it } from 'vitest'
import { createMemoryHistory } from '../../src/index.js'
import { historyContract } from './contract.js'

let n = 0
historyContract(
  'memory',
  () => createMemoryHistory(),
  () => `topic-${++n}`,
)

describe('createMemoryHistory', () => {
  it('drops the stalest topic past maxTopics, so its next use starts a new epoch', async () => {
    const history = createMemoryHistory({ maxTopics: 2 })
    const a = await history.append('a', '1')
    await history.append('b', '1')
    await history.append('c', '1')
    const again = await history.append('a', '2')
    expect(again.epoch).not.toBe(a.epoch)
    expect(again.seq).toBe(1)
  })

  it('trims on append when given retention', async () => {
    const history = createMemoryHistory()
    for (let i = 0; i < 5; i++) await history.append('t', String(i), { maxLength: 3 })
    const read = await history.read('t', undefined, 10)
    expect(read.entries.map((e) => e.seq)).toEqual([3, 4, 5])
    expect(read.floor).toBe(2)
  })
})
