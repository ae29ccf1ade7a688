import fc from 'fast-check'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BackoffOptions } from '../../src/client/backoff.js'
import { ReconnectingConnection } from '../../src/client/connection.js'
import { NO_RECONNECT_CODES } from '../../src/client/policy.js'
import { retryWindowOf } from '../../src/restart-window.js'
import { incomingData } from './client-incoming.js'
import { FakeSocket } from './fake-socket.js'
import { FuzzSurface } from './settings.js'
import { anyText } from './text.js'

// The browser client's state machine against a hostile or broken network: any frame, any close
// code in any order. Nothing may throw out of a socket event, reconnect delays stay within the
// documented full-jitter bounds, and the codes that mean "done" or "you may not" (1000, 1008, 4401,
// 4403) end it for good. Frame decoding alone is client-frames.test.ts's, backoffDelay alone
// client-backoff.test.ts's.

const surface = new FuzzSurface('client')
afterAll(() => void surface.report())

const anyCode = fc.oneof(
  fc.constantFrom(...NO_RECONNECT_CODES),
  fc.constantFrom(1001, 1005, 1006, 1011, 1012, 1013, 4000, 4500),
  fc.integer({ min: 0, max: 65535 }),
)

type ClientEvent =
  | { kind: 'open' }
  | { kind: 'error' }
  | { kind: 'tick' }
  | { kind: 'userClose' }
  | { kind: 'message'; data: unknown }
  | { kind: 'close'; code: number; reason: string }
  | { kind: 'send'; value: unknown }

const clientEvent: fc.Arbitrary<ClientEvent> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'open' as const }) },
  { weight: 3, arbitrary: incomingData.map((data) => ({ kind: 'message' as const, data })) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('close' as const), code: anyCode, reason: anyText(10) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'tick' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'error' as const }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => ({ kind: 'send' as const, value })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'userClose' as const }) },
)

const reconnectOption = fc.oneof(
  fc.constant(false as const),
  fc.record({
    initialDelay: fc.integer({ min: 0, max: 5000 }),
    maxDelay: fc.integer({ min: 0, max: 30_000 }),
    factor: fc.double({ min: 1, max: 4, noNaN: true }),
    maxAttempts: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    random: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  }),
)

describe('fuzz: reconnect state machine', () => {
  let delays: number[] = []
  beforeEach(() => {
    vi.useFakeTimers()
    const fake = globalThis.setTimeout
    // Records every delay the client asks for; heartbeat is off, so each one is a reconnect.
    vi.stubGlobal('setTimeout', ((callback: () => void, ms?: number) => (delays.push(ms ?? 0), fake(callback, ms))) as typeof setTimeout)
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it(
    'no event escapes as an exception; delays stay in bounds; 1000/1008/4401/4403, reconnect: false and maxAttempts end it',
    () => {
      fc.assert(
        fc.property(
          reconnectOption,
          fc.boolean(),
          fc.array(clientEvent, { minLength: 1, maxLength: 30 }),
          surface.counted((option, throwing, events: ClientEvent[]) => {
            delays = []
            const fail = (): void => {
              if (throwing) throw new Error('user callback bug')
            }
            const errors: Error[] = []
            const { maxAttempts, random, ...timing } = option === false ? { maxAttempts: undefined, random: 0 } : option
            const reconnect: false | BackoffOptions =
              option === false ? false : { ...timing, ...(maxAttempts === undefined ? {} : { maxAttempts }), random: () => random }
            const conn = new ReconnectingConnection(FakeSocket as never, () => 'ws://h/x', {
              reconnect,
              heartbeat: false,
              onOpen: fail,
              onMessage: fail,
              onBinary: fail,
              onClose: fail,
              onStateChange: fail,
              onError: (error) => void errors.push(error),
            })
            let failures = 0
            for (const event of events) {
              const socket = conn.socket as FakeSocket | undefined
              const before = conn.state
              if (event.kind === 'open') {
                if (socket?.readyState !== 0 || before === 'closing') continue
                socket.open()
                failures = 0
                expect(conn.state).toBe('open')
              } else if (event.kind === 'message') {
                if (socket?.readyState === 1) socket.receive(event.data)
              } else if (event.kind === 'error') {
                const count = errors.length
                socket?.fail('network')
                if (socket) expect(errors.length).toBe(count + 1)
              } else if (event.kind === 'send') {
                const status = conn.send(event.value)
                if (before === 'closing' || before === 'closed') expect(status).toBe('dropped')
                else if (before === 'open') expect(status).toBe('sent')
              } else if (event.kind === 'userClose') {
                conn.close()
                expect(['closing', 'closed']).toContain(conn.state)
              } else if (event.kind === 'tick') {
                const sockets = FakeSocket.created.length
                const due = before === 'reconnecting' && vi.getTimerCount() > 0
                vi.runOnlyPendingTimers()
                expect(FakeSocket.created.length).toBe(due ? sockets + 1 : sockets)
              } else if (event.kind === 'close') {
                if (!socket) continue
                const scheduled = delays.length
                socket.closed(event.code, event.reason)
                const maxAttempts = reconnect === false ? 0 : (reconnect.maxAttempts ?? Number.POSITIVE_INFINITY)
                const retries = before !== 'closing' && failures < maxAttempts && !NO_RECONNECT_CODES.has(event.code)
                expect(conn.state, `after close ${event.code} from ${before}`).toBe(retries ? 'reconnecting' : 'closed')
                expect(delays.length).toBe(retries ? scheduled + 1 : scheduled)
                if (retries && reconnect !== false) {
                  const delay = delays.at(-1)!
                  const { initialDelay = 0, maxDelay = 0, factor = 1 } = reconnect
                  // A restart close (1012) names its own window, which replaces the backoff for this attempt.
                  const window = retryWindowOf(event.code, event.reason)
                  const cap = window ?? (initialDelay === 0 ? 0 : Math.min(maxDelay, initialDelay * factor ** failures))
                  expect(Number.isInteger(delay) && delay >= 0 && delay <= cap, `delay ${delay} for attempt ${failures}, cap ${cap}`).toBe(
                    true,
                  )
                  failures++
                }
              }
              if (conn.state === 'closed') expect(vi.getTimerCount()).toBe(0)
            }
            conn.close()
            vi.runOnlyPendingTimers()
          }),
        ),
        surface.params(1500),
      )
    },
    surface.timeout(1500, 1),
  )
})
