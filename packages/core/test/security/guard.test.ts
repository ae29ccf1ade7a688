import { describe, expect, it } from 'vitest'
import { ReadyState } from '../../src/connection-types.js'
import { resolveLimits, type RouteLimits } from '../../src/limits.js'
import { ConnectionGuard, type GuardActions } from '../../src/security/guard.js'
import { sweepPeriod } from '../../src/security/liveness.js'
import { now } from '../../src/security/rate-limit.js'

function harness(limits: RouteLimits, buffered = 0) {
  const log: string[] = []
  const state = { ready: ReadyState.OPEN as ReadyState, buffered }
  const actions: GuardActions = {
    get readyState() {
      return state.ready
    },
    get bufferedAmount() {
      return state.buffered
    },
    ping: () => log.push('ping'),
    closeQuietly: (code, reason) => {
      log.push(`close ${code} ${reason}`)
      state.ready = ReadyState.CLOSING
    },
    drop: (reason) => {
      log.push(`drop ${reason}`)
      state.ready = ReadyState.CLOSED
    },
    sendErrorFrame: (error) => log.push(`error ${error.code}`),
    report: (error) => log.push(`report ${error.code}`),
    drained: () => log.push('drained'),
  }
  return { guard: new ConnectionGuard(resolveLimits(limits), actions, true), log, state }
}

describe('ConnectionGuard', () => {
  it('pings once per interval and drops a peer that did not pong by the next one', () => {
    const { guard, log } = harness({ heartbeat: 100, idleTimeout: 0 })
    // Whole milliseconds: with a fractional base, (t + 200) - (t + 100) can round to 99.999….
    const t = Math.ceil(now())
    guard.sweep(t + 50)
    expect(log).toEqual([])
    guard.sweep(t + 100)
    expect(log).toEqual(['ping'])
    guard.sweep(t + 200)
    expect(log).toEqual(['ping', 'drop Heartbeat timeout'])
  })
  it('keeps a peer that answers', () => {
    const { guard, log } = harness({ heartbeat: 100, idleTimeout: 0 })
    // Whole milliseconds: with a fractional base, (t + 200) - (t + 100) can round to 99.999….
    const t = Math.ceil(now())
    guard.sweep(t + 100)
    guard.alive()
    guard.sweep(t + 200)
    expect(log).toEqual(['ping', 'ping'])
  })
  it('closes an idle connection with 1001, then drops it if the close handshake stalls', () => {
    const { guard, log } = harness({ heartbeat: false, idleTimeout: 1, closeTimeout: 300 })
    // Whole milliseconds: with a fractional base, (t + 200) - (t + 100) can round to 99.999….
    const t = Math.ceil(now())
    guard.sweep(t + 1000)
    guard.sweep(t + 1100)
    guard.sweep(t + 1450)
    expect(log).toEqual(['close 1001 Idle timeout', 'drop Close timeout'])
  })
  it("applies the rate-limit policy: 'close' → 1008, 'error' → error frame", () => {
    const closing = harness({ rateLimit: { messages: 2, interval: 60_000 } })
    expect([closing.guard.admit(), closing.guard.admit(), closing.guard.admit()]).toEqual([true, true, false])
    expect(closing.log).toEqual(['report RATE_LIMITED', 'close 1008 Too many messages'])
    const erroring = harness({ rateLimit: { messages: 1, interval: 60_000, policy: 'error' } })
    expect([erroring.guard.admit(), erroring.guard.admit()]).toEqual([true, false])
    expect(erroring.log).toEqual(['error RATE_LIMITED'])
  })
  it("drops or closes over the backpressure limit, and signals drain once the buffer empties", () => {
    const drop = harness({ backpressureLimit: 100 }, 150)
    expect(drop.guard.beforeSend()).toBe('dropped')
    drop.state.buffered = 10
    expect(drop.guard.beforeSend()).toBe('send')
    drop.guard.sweep(now())
    expect(drop.log).toEqual(['drained'])
    const close = harness({ backpressureLimit: 100, backpressurePolicy: 'close' }, 150)
    expect(close.guard.beforeSend()).toBe('closed')
    expect(close.log).toEqual(['report BACKPRESSURE', 'close 1013 Client is not reading fast enough'])
  })
  it('asks for compression only at or above the threshold, and only when enabled', () => {
    expect(harness({}).guard.compress('x'.repeat(5000))).toBeUndefined()
    const { guard } = harness({ compression: { enabled: true, threshold: 10 } })
    expect([guard.compress('short'), guard.compress('x'.repeat(10))]).toEqual([false, true])
  })
})

describe('sweepPeriod', () => {
  it('is a quarter of the shortest deadline, between 10 ms and 1 s', () => {
    expect(sweepPeriod(resolveLimits(), [])).toBe(1000)
    expect(sweepPeriod(resolveLimits(), [{ heartbeat: 100 }])).toBe(25)
    expect(sweepPeriod(resolveLimits({ idleTimeout: 0.01 }), [])).toBe(10)
  })
})
