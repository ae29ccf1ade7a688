import { ReadyState } from '../connection-types.js'
import type { Limits } from '../limits.js'
import { SerialQueue } from '../serial-queue.js'
import { heartbeatInterval, normalizeCompression } from './options.js'
import { recentNow } from './clock.js'
import { bucketRate, FULL_BUCKET, refill, type BucketRate } from './rate-limit.js'

/** What the guard derives from a connection's limits: computed once per route, shared by its connections. */
export interface GuardPolicy {
  readonly limits: Limits
  /** Undefined when rate limiting is off. */
  readonly rate: BucketRate | undefined
  /** Heartbeat interval in ms, 0 when off. */
  readonly heartbeat: number
  /** Idle timeout in ms, 0 when off. */
  readonly idle: number
  /** Frames at or above this length are compressed; infinity when compression is off. */
  readonly compressAbove: number
}

export function guardPolicy(limits: Limits): GuardPolicy {
  const compression = normalizeCompression(limits.compression)
  return {
    limits,
    rate: bucketRate(limits.rateLimit),
    heartbeat: heartbeatInterval(limits.heartbeat),
    idle: limits.idleTimeout > 0 ? limits.idleTimeout * 1000 : 0,
    compressAbove: compression.enabled ? compression.threshold : Number.POSITIVE_INFINITY,
  }
}

/** Whether to ask the runtime to compress this frame (undefined: compression is off). */
export function compressFlag(policy: GuardPolicy, frame: string | Uint8Array): boolean | undefined {
  const above = policy.compressAbove
  return above === Number.POSITIVE_INFINITY ? undefined : frame.length >= above
}

/**
 * Before a send: send it; drop it (policy 'drop'); close (policy 'close'); or close and report,
 * the first time the limit is reached.
 */
export type BackpressureVerdict = 'send' | 'dropped' | 'closed' | 'overflowed'

/** What a sweep found due, as bits, in the order the connection acts on them. */
export const SweepDue = {
  /** The client was over the backpressure limit and is below it again: its onDrain runs. */
  DRAINED: 1,
  /** No pong since the last ping: drop the peer. */
  HEARTBEAT_TIMEOUT: 2,
  PING: 4,
  /** Nothing arrived for the idle timeout: close with 1001. */
  IDLE_TIMEOUT: 8,
  /** The closing handshake stalled: drop the socket. */
  CLOSE_TIMEOUT: 16,
} as const

/** The part of the transport the guard reads. */
export interface GuardedSocket {
  readonly bufferedAmount: number
  /** Without it there is no heartbeat. */
  readonly ping?: unknown
}

/** What core may do with a connection's guard state; reached only through `connectionGuard`. */
export interface GuardAccess {
  /** A data frame arrived: true when the rate limit admits it (otherwise the caller applies the policy). */
  admit(guard: ConnectionGuard, rate: BucketRate | undefined): boolean
  /** A pong arrived (answer to a ping): the peer is alive. */
  pong(guard: ConnectionGuard, rate: BucketRate | undefined): void
  /** Checked before every send; applies the backpressure limit to a client that is not reading. */
  beforeSend(guard: ConnectionGuard, limits: Limits, socket: GuardedSocket): BackpressureVerdict
  /** The runtime reported room again: true when the connection was over the limit (its onDrain runs). */
  drained(guard: ConnectionGuard): boolean
  /** Called by the bridge-wide timer: SweepDue bits. Cheap when nothing is due: a few comparisons. */
  sweep(guard: ConnectionGuard, at: number, state: ReadyState, policy: GuardPolicy, socket: GuardedSocket): number
  /**
   * When a sweep next has something to do for this connection (core's clock, at or after `at`), or
   * undefined for never: what an adapter that sweeps on its own schedule (sweep-control.ts) waits for.
   * Backpressure is not polled: a runtime that reports no bufferedAmount never needs it.
   */
  nextDue(guard: ConnectionGuard, at: number, state: ReadyState, policy: GuardPolicy, socket: GuardedSocket): number | undefined
  /** A restored connection (bridge.restore) was last heard from `silentFor` ms ago, not at restore. */
  restored(guard: ConnectionGuard, silentFor: number): void
}

/** Filled in by ConnectionGuard's static block (the only code that can read its private fields). */
export let connectionGuard: GuardAccess

// #flags bits.
const AWAITING_PONG = 1
const BACKPRESSURED = 2
/** The connection is closing and the close-handshake deadline has started (from #lastPing). */
const CLOSE_TIMED = 4

/**
 * Per-connection safety state: rate limit, liveness (idle + heartbeat), backpressure and the
 * closing-handshake deadline. It holds numbers only and decides; the connection acts on its
 * verdicts. The bridge's single sweep timer visits every connection, so 10,000 connections cost
 * one timer, not 10,000.
 *
 * A base class of ConnectionImpl (see serial-queue.ts for why), with no public members and no
 * private instance methods (each would cost every instance a V8 brand field).
 */
export class ConnectionGuard extends SerialQueue {
  // Four fields, as each costs every connection 8 bytes (and JSC rounds objects up to size classes).
  /** Last frame or pong; also when the token bucket was last refilled (refill is exact at any point). */
  #lastSeen: number
  /** Last ping sent; once the connection is closing, when the close deadline started. */
  #lastPing: number
  /** The token bucket's tokens (rate-limit.ts), FULL_BUCKET until the first refill. */
  #tokens = FULL_BUCKET
  #flags = 0

  constructor() {
    super()
    this.#lastSeen = this.#lastPing = recentNow()
  }

  static {
    connectionGuard = {
      admit(guard, rate) {
        const tokens = ConnectionGuard.#seen(guard, rate)
        if (rate === undefined) return true
        if (tokens < 1) return false
        guard.#tokens = tokens - 1
        return true
      },
      pong(guard, rate) {
        ConnectionGuard.#seen(guard, rate)
      },
      beforeSend(guard, limits, socket) {
        const limit = limits.backpressureLimit
        if (!(limit > 0) || socket.bufferedAmount < limit) return 'send'
        const firstTime = (guard.#flags & BACKPRESSURED) === 0
        guard.#flags |= BACKPRESSURED
        if (limits.backpressurePolicy === 'drop') return 'dropped'
        return firstTime ? 'overflowed' : 'closed'
      },
      drained(guard) {
        if ((guard.#flags & BACKPRESSURED) === 0) return false
        guard.#flags &= ~BACKPRESSURED
        return true
      },
      sweep(guard, at, state, policy, socket) {
        if (state === ReadyState.CLOSED) return 0
        if (state === ReadyState.CLOSING) {
          if ((guard.#flags & CLOSE_TIMED) !== 0) return at - guard.#lastPing >= policy.limits.closeTimeout ? SweepDue.CLOSE_TIMEOUT : 0
          guard.#flags |= CLOSE_TIMED
          guard.#lastPing = at
          return 0
        }
        let due = 0
        if ((guard.#flags & BACKPRESSURED) !== 0 && socket.bufferedAmount < policy.limits.backpressureLimit) {
          guard.#flags &= ~BACKPRESSURED
          due |= SweepDue.DRAINED
        }
        if (policy.heartbeat > 0 && socket.ping !== undefined && at - guard.#lastPing >= policy.heartbeat) {
          if ((guard.#flags & AWAITING_PONG) !== 0) return due | SweepDue.HEARTBEAT_TIMEOUT
          guard.#flags |= AWAITING_PONG
          guard.#lastPing = at
          due |= SweepDue.PING
        }
        if (policy.idle > 0 && at - guard.#lastSeen >= policy.idle) due |= SweepDue.IDLE_TIMEOUT
        return due
      },
      nextDue(guard, at, state, policy, socket) {
        if (state === ReadyState.CLOSED) return undefined
        // Closing: the deadline starts at the first sweep that sees it (now, if it has not yet).
        if (state === ReadyState.CLOSING)
          return (guard.#flags & CLOSE_TIMED) === 0 ? at : Math.max(at, guard.#lastPing + policy.limits.closeTimeout)
        let due = Number.POSITIVE_INFINITY
        if (policy.heartbeat > 0 && socket.ping !== undefined) due = guard.#lastPing + policy.heartbeat
        if (policy.idle > 0) due = Math.min(due, guard.#lastSeen + policy.idle)
        return due === Number.POSITIVE_INFINITY ? undefined : Math.max(at, due)
      },
      restored(guard, silentFor) {
        guard.#lastSeen = recentNow() - Math.max(0, silentFor)
      },
    }
  }

  /** Records a sign of life now, refilling the bucket up to this moment first; returns its tokens. */
  static #seen(guard: ConnectionGuard, rate: BucketRate | undefined): number {
    const at = recentNow()
    if (rate !== undefined) guard.#tokens = refill(rate, guard.#tokens, guard.#lastSeen, at)
    guard.#lastSeen = at
    guard.#flags &= ~AWAITING_PONG
    return guard.#tokens
  }
}
