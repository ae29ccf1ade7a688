import { describe, expectTypeOf, it } from 'vitest'
import {
  createBridge,
  createMemoryHistory,
  type BridgeOptions,
  type DurableOptions,
  type HistoryDriver,
  type HistoryPosition,
  type HistoryRead,
} from '../../src/index.js'

describe('history types', () => {
  it('a history driver answers positions and reads', () => {
    const history = createMemoryHistory()
    expectTypeOf(history).toEqualTypeOf<HistoryDriver>()
    expectTypeOf(history.append('t', '{}', { id: 'a', maxLength: 10 })).toEqualTypeOf<Promise<HistoryPosition>>()
    expectTypeOf(history.read('t', undefined, 10)).toEqualTypeOf<Promise<HistoryRead>>()
    expectTypeOf<HistoryRead['entries'][number]>().toEqualTypeOf<{ readonly seq: number; readonly frame: string; readonly at: number }>()
  })

  it('durable takes topic names or a predicate, and is a bridge option', () => {
    expectTypeOf<{ topics: ['orders', 'chat:*'] }>().toMatchTypeOf<DurableOptions>()
    expectTypeOf<{ topics: (topic: string) => boolean; history: HistoryDriver }>().toMatchTypeOf<DurableOptions>()
    expectTypeOf<{ topics: number[] }>().not.toMatchTypeOf<DurableOptions>()
    expectTypeOf<BridgeOptions['durable']>().toEqualTypeOf<DurableOptions | undefined>()
    createBridge({}, { durable: { topics: ['orders'], history: createMemoryHistory(), poll: 0 } })
  })
})
