import { CloseCode } from '../close-codes.js'
import { ReadyState } from '../connection-types.js'
import { WsError } from '../errors.js'
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

export type SendVerdict = 'send' | 'dropped' | 'closed'

// #flags bits.
const AWAITING_PONG = 1
const BACKPRESSURED = 2
/** The connection is closing and the close-handshake deadline has started (from #lastPing). */
const CLOSE_TIMED = 4

/**
 * Per-connection safety state: rate limit, liveness (idle + heartbeat), backpressure and the
 * closing-handshake deadline. It holds numbers only; the bridge's single sweep timer calls
 * `sweep` on every connection, so 10,000 connections cost one timer, not 10,000.
 *
 * A base class of ConnectionImpl (see serial-queue.ts for why): the abstract members are what the
 * guard may do to its connection, implemented there as internal methods.
 */
export abstract class ConnectionGuard extends SerialQueue {
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

  /** The shared limits-derived settings (a getter on the connection: its route's policy). */
  protected abstract readonly guardPolicy: GuardPolicy
  /** Whether the transport can ping: without it there is no heartbeat. */
  protected abstract readonly canPing: boolean
  abstract readonly readyState: ReadyState
  abstract readonly bufferedAmount: number
  abstract ping(): void
  /** Starts a closing handshake (no exception for an already-closing socket). */
  abstract closeQuietly(code: number, reason: string): void
  /** Drops the socket and runs onClose with 1006 right away. */
  abstract drop(reason: string): void
  /** Sends a RATE_LIMITED error frame, bypassing the guard. */
  abstract sendErrorFrame(error: WsError): void
  abstract report(error: WsError): void
  /** The runtime's buffer has room again after backpressure. */
  protected abstract drained(): void

  /** A data frame arrived. False when it is over the rate limit (the policy has been applied). */
  protected admit(): boolean {
    const rate = this.guardPolicy.rate
    const tokens = this.#seen(rate)
    if (rate === undefined) return true
    if (tokens >= 1) {
      this.#tokens = tokens - 1
      return true
    }
    const error = new WsError('RATE_LIMITED')
    const option = this.guardPolicy.limits.rateLimit
    if (option !== false && option.policy === 'error') {
      this.sendErrorFrame(error)
    } else {
      this.report(error)
      this.closeQuietly(error.closeCode, error.message)
    }
    return false
  }

  /** A pong arrived (answer to a ping): the peer is alive. */
  pong(): void {
    this.#seen(this.guardPolicy.rate)
  }

  /** Records a sign of life now, refilling the bucket up to this moment first; returns its tokens. */
  #seen(rate: BucketRate | undefined): number {
    const at = recentNow()
    if (rate !== undefined) this.#tokens = refill(rate, this.#tokens, this.#lastSeen, at)
    this.#lastSeen = at
    this.#flags &= ~AWAITING_PONG
    return this.#tokens
  }

  /** Checked before every send; applies the backpressure policy to a client that is not reading. */
  protected beforeSend(): SendVerdict {
    const limits = this.guardPolicy.limits
    const limit = limits.backpressureLimit
    if (!(limit > 0) || this.bufferedAmount < limit) return 'send'
    const firstTime = (this.#flags & BACKPRESSURED) === 0
    this.#flags |= BACKPRESSURED
    if (limits.backpressurePolicy === 'drop') return 'dropped'
    const error = new WsError('BACKPRESSURE')
    if (firstTime) this.report(error)
    this.closeQuietly(error.closeCode, error.message)
    return 'closed'
  }

  /** Whether to ask the runtime to compress this frame (undefined: compression is off). */
  protected compress(frame: string | Uint8Array): boolean | undefined {
    const above = this.guardPolicy.compressAbove
    if (above === Number.POSITIVE_INFINITY) return undefined
    return frame.length >= above
  }

  /** The runtime reported its buffer has room again. */
  drain(): void {
    if ((this.#flags & BACKPRESSURED) === 0) return
    this.#flags &= ~BACKPRESSURED
    this.drained()
  }

  /** Called by the bridge-wide timer. Cheap when nothing is due: a few comparisons. */
  sweep(at: number): void {
    const state = this.readyState
    if (state === ReadyState.CLOSED) return
    const policy = this.guardPolicy
    if (state === ReadyState.CLOSING) {
      if ((this.#flags & CLOSE_TIMED) === 0) {
        this.#flags |= CLOSE_TIMED
        this.#lastPing = at
      } else if (at - this.#lastPing >= policy.limits.closeTimeout) this.drop('Close timeout')
      return
    }
    if ((this.#flags & BACKPRESSURED) !== 0 && this.bufferedAmount < policy.limits.backpressureLimit) this.drain()
    if (policy.heartbeat > 0 && this.canPing && at - this.#lastPing >= policy.heartbeat) {
      if ((this.#flags & AWAITING_PONG) !== 0) {
        this.drop('Heartbeat timeout')
        return
      }
      this.#flags |= AWAITING_PONG
      this.#lastPing = at
      this.ping()
    }
    if (policy.idle > 0 && at - this.#lastSeen >= policy.idle) this.closeQuietly(CloseCode.GOING_AWAY, 'Idle timeout')
  }
}
