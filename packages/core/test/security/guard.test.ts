import { describe, expect, it } from 'vitest'
import { ReadyState } from '../../src/connection-types.js'
import { resolveLimits, type RouteLimits } from '../../src/limits.js'
import type { WsError } from '../../src/errors.js'
import { ConnectionGuard, guardPolicy, type GuardPolicy } from '../../src/security/guard.js'
import { sweepPeriod } from '../../src/security/liveness.js'
import { now } from '../../src/security/clock.js'

/** The guard is a base class (of ConnectionImpl); this one logs what the guard asks of its connection. */
class LoggingGuard extends ConnectionGuard {
  readonly log: string[] = []
  readonly state: { ready: ReadyState; buffered: number }
  readonly #policy: GuardPolicy
  constructor(limits: RouteLimits, buffered: number) {
    super()
    this.#policy = guardPolicy(resolveLimits(limits))
    this.state = { ready: ReadyState.OPEN, buffered }
  }
  protected get guardPolicy(): GuardPolicy {
    return this.#policy
  }
  protected get canPing(): boolean {
    return true
  }
  get readyState(): ReadyState {
    return this.state.ready
  }
  get bufferedAmount(): number {
    return this.state.buffered
  }
  ping(): void {
    this.log.push('ping')
  }
  closeQuietly(code: number, reason: string): void {
    this.log.push(`close ${code} ${reason}`)
    this.state.ready = ReadyState.CLOSING
  }
  drop(reason: string): void {
    this.log.push(`drop ${reason}`)
    this.state.ready = ReadyState.CLOSED
  }
  sendErrorFrame(error: WsError): void {
    this.log.push(`error ${error.code}`)
  }
  report(error: WsError): void {
    this.log.push(`report ${error.code}`)
  }
  protected drained(): void {
    this.log.push('drained')
  }
  protected taskFailed(): void {}
  // The guard's checks are protected (the connection calls them); the tests call them directly.
  override admit(): boolean {
    return super.admit()
  }
  override beforeSend(): 'send' | 'dropped' | 'closed' {
    return super.beforeSend()
  }
  override compress(frame: string | Uint8Array): boolean | undefined {
    return super.compress(frame)
  }
}

function harness(limits: RouteLimits, buffered = 0) {
  const guard = new LoggingGuard(limits, buffered)
  return { guard, log: guard.log, state: guard.state }
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
    guard.pong()
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
  it('a pong between messages neither adds tokens nor loses refill time', async () => {
    // One token per 50 ms, bucket of one.
    const { guard } = harness({ rateLimit: { messages: 20, interval: 1000, burst: 1 } })
    expect(guard.admit()).toBe(true)
    guard.pong()
    expect(guard.admit()).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 30))
    guard.pong()
    await new Promise((resolve) => setTimeout(resolve, 30))
    // 60+ ms in all: the refill counts the time on both sides of the pong (30 ms alone would not
    // make a token), and the bucket of one allows exactly one message.
    expect([guard.admit(), guard.admit()]).toEqual([true, false])
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
