import type { HistoryDriver, PubSubDriver } from '@wsbridge/core'
import { describe, expectTypeOf, it } from 'vitest'
import {
  createJetStreamHistory,
  createNatsPubSub,
  type JetStreamHistory,
  type JetStreamHistoryOptions,
  type NatsPubSub,
  type NatsPubSubOptions,
} from '../src/index.js'

describe('public types', () => {
  it('the drivers are the core contracts, with their extras', () => {
    expectTypeOf(createNatsPubSub).returns.toEqualTypeOf<NatsPubSub>()
    expectTypeOf<NatsPubSub>().toExtend<PubSubDriver>()
    expectTypeOf<NatsPubSub['stats']>().toEqualTypeOf<{ readonly published: number; readonly dropped: number; readonly received: number }>()
    expectTypeOf<NatsPubSub['flush']>().returns.toEqualTypeOf<Promise<void>>()
    expectTypeOf(createJetStreamHistory).returns.toEqualTypeOf<JetStreamHistory>()
    expectTypeOf<JetStreamHistory>().toExtend<HistoryDriver>()
  })

  it('options are all optional, and the driver owns noEcho and servers', () => {
    expectTypeOf(createNatsPubSub).toBeCallableWith()
    expectTypeOf(createJetStreamHistory).toBeCallableWith()
    expectTypeOf<NatsPubSubOptions['presence']>().toEqualTypeOf<boolean | { readonly wait?: number } | undefined>()
    expectTypeOf<JetStreamHistoryOptions['storage']>().toEqualTypeOf<'file' | 'memory' | undefined>()
    // @ts-expect-error noEcho is always on: the driver relies on it
    createNatsPubSub({ nats: { noEcho: false } })
    // @ts-expect-error servers go in the top-level option
    createNatsPubSub({ nats: { servers: 'x' } })
    // @ts-expect-error presence is a boolean or { wait }
    createNatsPubSub({ presence: { ttl: 1 } })
  })
})
