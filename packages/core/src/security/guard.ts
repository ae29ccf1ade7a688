import { CloseCode } from '../close-codes.js'
import { ReadyState } from '../connection-types.js'
import { WsError } from '../errors.js'
import type { Limits } from '../limits.js'
import { heartbeatInterval, normalizeCompression } from './options.js'
import { createBucket, now, type TokenBucket } from './rate-limit.js'

/**
 * What the guard may do to its connection. ConnectionImpl implements it with internal methods, so
 * a connection carries no extra object or closures for it (idle memory per connection matters).
 */
export interface GuardActions {
  readonly readyState: ReadyState
  readonly bufferedAmount: number
  ping(): void
  /** Starts a closing handshake (no exception for an already-closing socket). */
  closeQuietly(code: number, reason: string): void
  /** Drops the socket and runs onClose with 1006 right away. */
  drop(reason: string): void
  /** Sends a RATE_LIMITED error frame, bypassing the guard. */
  sendErrorFrame(error: WsError): void
  report(error: WsError): void
  drained(): void
}

export type SendVerdict = 'send' | 'dropped' | 'closed'

/**
 * Per-connection safety state: rate limit, liveness (idle + heartbeat), backpressure and the
 * closing-handshake deadline. It holds numbers only; the bridge's single sweep timer calls
 * `sweep` on every connection, so 10,000 connections cost one timer, not 10,000.
 */
export class ConnectionGuard {
  readonly #limits: Limits
  readonly #actions: GuardActions
  readonly #bucket: TokenBucket | undefined
  readonly #heartbeat: number
  readonly #idle: number
  readonly #compressAbove: number
  #lastSeen: number
  #lastPing: number
  #awaitingPong = false
  #closingSince = 0
  #backpressured = false

  constructor(limits: Limits, actions: GuardActions, heartbeatSupported: boolean) {
    this.#limits = limits
    this.#actions = actions
    this.#bucket = createBucket(limits.rateLimit)
    this.#heartbeat = heartbeatSupported ? heartbeatInterval(limits.heartbeat) : 0
    this.#idle = limits.idleTimeout > 0 ? limits.idleTimeout * 1000 : 0
    const compression = normalizeCompression(limits.compression)
    this.#compressAbove = compression.enabled ? compression.threshold : Number.POSITIVE_INFINITY
    this.#lastSeen = this.#lastPing = now()
  }

  /** A data frame arrived. False when it is over the rate limit (the policy has been applied). */
  admit(): boolean {
    const at = now()
    this.#lastSeen = at
    this.#awaitingPong = false
    if (this.#bucket === undefined || this.#bucket.take(at)) return true
    const error = new WsError('RATE_LIMITED')
    if (this.#limits.rateLimit !== false && this.#limits.rateLimit.policy === 'error') {
      this.#actions.sendErrorFrame(error)
    } else {
      this.#actions.report(error)
      this.#actions.closeQuietly(error.closeCode, error.message)
    }
    return false
  }

  /** A pong (or any sign of life that is not a message). */
  alive(): void {
    this.#lastSeen = now()
    this.#awaitingPong = false
  }

  /** Checked before every send; applies the backpressure policy to a client that is not reading. */
  beforeSend(): SendVerdict {
    const limit = this.#limits.backpressureLimit
    if (!(limit > 0) || this.#actions.bufferedAmount < limit) return 'send'
    const firstTime = !this.#backpressured
    this.#backpressured = true
    if (this.#limits.backpressurePolicy === 'drop') return 'dropped'
    const error = new WsError('BACKPRESSURE')
    if (firstTime) this.#actions.report(error)
    this.#actions.closeQuietly(error.closeCode, error.message)
    return 'closed'
  }

  /** Whether to ask the runtime to compress this frame (undefined: compression is off). */
  compress(frame: string | Uint8Array): boolean | undefined {
    if (this.#compressAbove === Number.POSITIVE_INFINITY) return undefined
    return frame.length >= this.#compressAbove
  }

  /** The runtime reported its buffer has room again. */
  drain(): void {
    if (!this.#backpressured) return
    this.#backpressured = false
    this.#actions.drained()
  }

  /** Called by the bridge-wide timer. Cheap when nothing is due: a few comparisons. */
  sweep(at: number): void {
    const state = this.#actions.readyState
    if (state === ReadyState.CLOSED) return
    if (state === ReadyState.CLOSING) {
      if (this.#closingSince === 0) this.#closingSince = at
      else if (at - this.#closingSince >= this.#limits.closeTimeout) this.#actions.drop('Close timeout')
      return
    }
    if (this.#backpressured && this.#actions.bufferedAmount < this.#limits.backpressureLimit) this.drain()
    if (this.#heartbeat > 0 && at - this.#lastPing >= this.#heartbeat) {
      if (this.#awaitingPong) {
        this.#actions.drop('Heartbeat timeout')
        return
      }
      this.#awaitingPong = true
      this.#lastPing = at
      this.#actions.ping()
    }
    if (this.#idle > 0 && at - this.#lastSeen >= this.#idle) this.#actions.closeQuietly(CloseCode.GOING_AWAY, 'Idle timeout')
  }
}
