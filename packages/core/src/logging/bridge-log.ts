import type { WsError, WsErrorCode } from '../errors.js'
import type { WsRefusal } from '../refusal.js'
import { LogBudget, type LogClock } from './log-budget.js'
import type { RefusalHints } from './refusal-hints.js'
import { field, oneLine, type LogLevel, type WsLogger } from './logger.js'

/** What the log needs to know about a connection. */
export interface LoggedConnection {
  readonly id: string
  readonly route: string
}

/** Distinct kinds of error counted per connection; further kinds share one counter. */
const MAX_KINDS = 16
const OTHER_KINDS = '*'

/** Per connection and kind of error: how often it happened, and the count last written. */
interface Tally {
  count: number
  written: number
  readonly code: WsErrorCode
  readonly message: string
  readonly client: boolean
}

/**
 * Server errors core makes itself for something no code threw: a hook that outlived
 * `handshakeTimeout`, a value a route's `output` schema rejected. Their stack would show only
 * core's own frames, so they are logged as the line alone; the line says what happened.
 */
const CORE_MADE: ReadonlySet<WsErrorCode> = new Set(['HANDSHAKE_TIMEOUT', 'OUTPUT_VALIDATION_FAILED'])

/** Refusals an operator can act on (capacity, an allow-list that misses a real site): warn. The rest (bad tokens, scanners): debug. */
const WARN_REFUSALS: ReadonlySet<WsErrorCode> = new Set(['TOO_MANY_CONNECTIONS', 'ORIGIN_NOT_ALLOWED'])

/**
 * wsbridge's own logging policy, bounded whatever clients do:
 * - a client-caused error (`blame: 'client'`) is one warn line, never a stack, and only its first
 *   occurrence per connection and code is written; repeats are counted and written as a count at
 *   10, 100, 1000… and when the connection closes;
 * - a server error (a handler threw, a backend failed) is an error line with what was thrown (its
 *   stack), written once per connection and message, with the same counting for repeats; an error
 *   core made itself with nothing thrown (CORE_MADE) is the line alone;
 * - refusals: an error line, with the stack when a hook threw; warn for TOO_MANY_CONNECTIONS and
 *   ORIGIN_NOT_ALLOWED; debug for the rest; with `hints` (development), the first refusal of each
 *   cause is followed by a warn line saying how to fix it;
 * - every line goes through the bridge-wide budget (LogBudget).
 */
export class BridgeLog {
  readonly #budget: LogBudget | undefined
  readonly #tallies: WeakMap<object, Map<string, Tally>> = new WeakMap()
  readonly #hints: RefusalHints | undefined

  constructor(sink: WsLogger | undefined, perSecond: number, clock?: LogClock, hints?: RefusalHints) {
    this.#budget = sink ? new LogBudget(sink, perSecond, clock) : undefined
    this.#hints = hints
  }

  /** An error on a connection (every call of the bridge's error hook with a connection). */
  connectionError(error: WsError, connection: LoggedConnection): void {
    if (!this.#budget) return
    const client = error.blame === 'client'
    const kind = client ? error.code : `${error.code} ${error.message}`
    let tallies = this.#tallies.get(connection)
    if (!tallies) this.#tallies.set(connection, (tallies = new Map()))
    const key = tallies.has(kind) || tallies.size < MAX_KINDS ? kind : OTHER_KINDS
    const tally = tallies.get(key)
    if (!tally) {
      tallies.set(key, {
        count: 1,
        written: 1,
        code: error.code,
        message: key === OTHER_KINDS ? 'and other errors' : error.message,
        client,
      })
      const line = `[wsbridge] ${error.code} route=${field(connection.route)} connection=${connection.id}: ${oneLine(error.message)}`
      return client ? this.#budget.write('warn', line) : this.#budget.write('error', line, thrownBy(error))
    }
    tally.count++
    if (isPowerOfTen(tally.count)) this.#writeCount(connection, tally, 'so far')
  }

  /** The connection is gone: counts of repeats not yet written are written now. */
  released(connection: LoggedConnection): void {
    const tallies = this.#tallies.get(connection)
    if (!tallies) return
    this.#tallies.delete(connection)
    for (const tally of tallies.values()) if (tally.count > tally.written) this.#writeCount(connection, tally, 'in all, connection closed')
  }

  refused(refusal: WsRefusal): void {
    if (!this.#budget) return
    const answer = refusal.closeCode === undefined ? `${refusal.status}` : `close ${refusal.closeCode}`
    const where = `path=${field(refusal.path)} ip=${field(refusal.ip)}${refusal.route === undefined ? '' : ` route=${field(refusal.route)}`}${refusal.origin === undefined ? '' : ` origin=${field(refusal.origin)}`}`
    const reason = refusal.blame === 'server' ? refusal.error.message : refusal.message
    const line = `[wsbridge] refused ${answer} ${refusal.code} ${where}: ${oneLine(reason)}`
    const level: LogLevel = refusal.blame === 'server' ? 'error' : WARN_REFUSALS.has(refusal.code) ? 'warn' : 'debug'
    // The stack of what a hook threw; a refusal nothing was thrown for (a hook that timed out) is the line alone.
    this.#budget.write(level, line, level === 'error' ? thrownBy(refusal.error) : undefined)
    const hint = this.#hints?.hint(refusal)
    if (hint !== undefined) this.#budget.write('warn', hint)
  }

  /** A failure outside any connection: a hook of the application's that threw, written with what it threw. */
  failure(what: string, error: unknown): void {
    this.#budget?.write('error', `[wsbridge] ${what}: ${oneLine(error instanceof Error ? error.message : String(error))}`, error)
  }

  /** A server error outside any connection (a pub/sub backend failed): as `failure`, with what was thrown, if anything. */
  unattached(error: WsError): void {
    const cause = error.cause
    this.#budget?.write(
      'error',
      `[wsbridge] ${error.code}: ${oneLine(cause instanceof Error ? cause.message : error.message)}`,
      thrownBy(error),
    )
  }

  #writeCount(connection: LoggedConnection, tally: Tally, when: string): void {
    tally.written = tally.count
    const level: LogLevel = tally.client ? 'warn' : 'error'
    this.#budget?.write(
      level,
      `[wsbridge] ${tally.code} route=${field(connection.route)} connection=${connection.id}: ${tally.count} times ${when} (${oneLine(tally.message)})`,
    )
  }
}

function isPowerOfTen(count: number): boolean {
  return count >= 10 && 10 ** Math.round(Math.log10(count)) === count
}

/**
 * What carries the stack: the thrown value a WsError wraps; else the WsError itself, which user code
 * threw (`throw new WsError('INTERNAL', …)` in a handler or hook); nothing for an error core made.
 */
function thrownBy(error: WsError): unknown {
  if (error.cause !== undefined) return error.cause
  return CORE_MADE.has(error.code) ? undefined : error
}
