import { CloseCode } from '../close-codes.js'
import { type ConnectionImpl, connectionInternals } from '../connection.js'
import { ReadyState } from '../connection-types.js'
import { WsError } from '../errors.js'
import type { UpgradeContext } from '../upgrade.js'
import type { UserIndex } from '../user-index.js'
import { expiryFrame, refreshToken } from './auth-refresh-frame.js'
import { thrownAuthOutcome, toAuthOutcome } from './auth-outcome.js'

/** setTimeout's largest delay; a later expiry re-arms when it fires. */
const MAX_TIMER = 2 ** 31 - 1

/**
 * Credentials that expire on live connections: a timer per connection whose auth hook returned
 * `expiresAt` closes it with 4401 `Token expired`, unless a refresh frame (auth-refresh-frame.ts)
 * renews it first. A refresh is checked by the route's own auth hook; it may not change who the
 * user is (same `userKey`), else the connection is closed 4403.
 */
export class TokenLifetimes {
  readonly #timers = new Map<ConnectionImpl, ReturnType<typeof setTimeout>>()
  readonly #refreshing = new WeakSet<ConnectionImpl>()
  readonly #users: UserIndex<ConnectionImpl>

  constructor(users: UserIndex<ConnectionImpl>) {
    this.#users = users
  }

  /** A connection opened: with an expiry, it is announced to the client and armed. */
  opened(connection: ConnectionImpl, expiresAt: number | undefined): void {
    if (expiresAt === undefined) return
    connectionInternals.sendFrame(connection, expiryFrame(expiresAt, Date.now()))
    this.#arm(connection, expiresAt)
  }

  released(connection: ConnectionImpl): void {
    clearTimeout(this.#timers.get(connection))
    this.#timers.delete(connection)
  }

  /** A `{"~":"auth"…}` frame on a route with auth. One refresh at a time: another meanwhile is ignored. */
  refresh(connection: ConnectionImpl, text: string): void {
    const token = refreshToken(text)
    if (token === undefined) return connection.close(CloseCode.UNAUTHORIZED, 'Invalid token refresh')
    if (this.#refreshing.has(connection)) return
    this.#refreshing.add(connection)
    void this.#check(connection, token).finally(() => this.#refreshing.delete(connection))
  }

  async #check(connection: ConnectionImpl, token: string): Promise<void> {
    const site = connectionInternals.site(connection)
    const request: UpgradeContext = {
      url: connection.url,
      headers: connection.headers,
      ip: connection.ip,
      params: connection.params as UpgradeContext['params'],
      query: connection.query,
      protocols: [],
      token,
    }
    let outcome: ReturnType<typeof toAuthOutcome>
    try {
      outcome = toAuthOutcome(await site.route.auth!(request))
    } catch (thrown) {
      const error = WsError.from(thrown)
      const refused = thrownAuthOutcome(error)
      if (!refused) site.host.reportError(error, connection)
      outcome = refused ?? { ok: false, error, closeCode: CloseCode.UNAUTHORIZED, reason: 'Invalid token' }
    }
    if (connection.readyState !== ReadyState.OPEN) return
    if (!outcome.ok) return connection.close(outcome.closeCode, outcome.reason)
    if (this.#users.keyOf(outcome.user) !== this.#users.keyOf(connection.user))
      return connection.close(CloseCode.FORBIDDEN, 'User changed on refresh')
    connection.user = outcome.user
    this.#users.add(connection)
    this.released(connection)
    connectionInternals.sendFrame(connection, expiryFrame(outcome.expiresAt, Date.now()))
    if (outcome.expiresAt !== undefined) this.#arm(connection, outcome.expiresAt)
  }

  #arm(connection: ConnectionImpl, expiresAt: number): void {
    clearTimeout(this.#timers.get(connection))
    const left = expiresAt - Date.now()
    const timer = setTimeout(
      () => {
        this.#timers.delete(connection)
        if (connection.readyState !== ReadyState.OPEN) return
        if (left > MAX_TIMER) this.#arm(connection, expiresAt)
        else connection.close(CloseCode.UNAUTHORIZED, 'Token expired')
      },
      Math.min(Math.max(0, left), MAX_TIMER),
    )
    this.#timers.set(connection, timer)
  }
}
