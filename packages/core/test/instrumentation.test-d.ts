import { describe, expectTypeOf, it } from 'vitest'
import type {
  BridgeInstrumentation,
  BridgeOptions,
  Connection,
  DedupeClaim,
  MessageScope,
  PubSubMessage,
  RequestDedupeStore,
  RequestOutcome,
  RequestScope,
  WsError,
} from '../src/index.js'

describe('instrumentation types', () => {
  it('is an optional bridge option whose members are all optional', () => {
    expectTypeOf<BridgeOptions['instrumentation']>().toEqualTypeOf<BridgeInstrumentation | undefined>()
    expectTypeOf<{}>().toExtend<BridgeInstrumentation>()
  })

  it('hands hooks the documented connection and error types, never any', () => {
    expectTypeOf<Parameters<NonNullable<BridgeInstrumentation['message']>>>().toEqualTypeOf<
      [connection: Connection, data: string | Uint8Array, binary: boolean]
    >()
    expectTypeOf<ReturnType<NonNullable<BridgeInstrumentation['message']>>>().toEqualTypeOf<MessageScope | undefined>()
    expectTypeOf<Parameters<MessageScope['end']>>().toEqualTypeOf<[type: string | undefined, error: WsError | undefined]>()
    expectTypeOf<ReturnType<NonNullable<BridgeInstrumentation['published']>>>().toEqualTypeOf<string | undefined>()
    expectTypeOf<PubSubMessage['trace']>().toEqualTypeOf<string | undefined>()
  })

  it('types the request hook, its scope and the dedupe store option', () => {
    expectTypeOf<Parameters<NonNullable<BridgeInstrumentation['request']>>>().toEqualTypeOf<
      [connection: Connection, name: string, streaming: boolean]
    >()
    expectTypeOf<ReturnType<NonNullable<BridgeInstrumentation['request']>>>().toEqualTypeOf<RequestScope | undefined>()
    expectTypeOf<Parameters<RequestScope['end']>>().toEqualTypeOf<[outcome: RequestOutcome, error: WsError | undefined]>()
    expectTypeOf<RequestOutcome>().toEqualTypeOf<'ok' | 'error' | 'cancelled' | 'replayed'>()
    expectTypeOf<BridgeOptions['requestDedupe']>().toEqualTypeOf<RequestDedupeStore | undefined>()
    expectTypeOf<ReturnType<RequestDedupeStore['claim']>>().toEqualTypeOf<DedupeClaim | Promise<DedupeClaim>>()
  })
})
