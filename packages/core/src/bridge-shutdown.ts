import type { CloseOptions } from './bridge-types.js'
import { CloseCode, isValidCloseCode, trimCloseReason } from './close-codes.js'
import type { ConnectionImpl } from './connection.js'
import { drop as dropConnection } from './connection-policy.js'
import { WsError } from './errors.js'
import { retryWindowReason } from './restart-window.js'
import type { OpenConnections } from './open-connections.js'
import type { PendingSet } from './security/pending-set.js'

/**
 * A bridge's graceful shutdown: once `close` is called new upgrades are refused, every connection is
 * closed, stragglers are dropped after the timeout, and `close` resolves when every onClose has run.
 */
export class Shutdown {
  #closing = false
  #allClosed: (() => void) | undefined
  readonly #connections: OpenConnections
  /** Released connections whose onClose has not finished yet. */
  readonly #unfinished: PendingSet<ConnectionImpl>
  /** Closes the pub/sub hub, last. */
  readonly #closeHub: () => Promise<void>
  readonly #closeTimeout: number
  /** The bridge's default restart window (`BridgeOptions.retryWithin`). */
  readonly #retryWithin: number | undefined
  /** The close code and reason of this shutdown, also sent to a connection that opens while it runs. */
  #farewell = { code: CloseCode.GOING_AWAY as number, reason: 'Server is shutting down' }

  constructor(
    connections: OpenConnections,
    unfinished: PendingSet<ConnectionImpl>,
    closeHub: () => Promise<void>,
    closeTimeout: number,
    retryWithin: number | undefined,
  ) {
    this.#connections = connections
    this.#unfinished = unfinished
    this.#closeHub = closeHub
    this.#closeTimeout = closeTimeout
    this.#retryWithin = retryWithin
  }

  /** Set once `close` was called: upgrades are refused, and a connection that opens anyway is closed. */
  get closing(): boolean {
    return this.#closing
  }

  /** The last open connection was released. */
  drained(): void {
    this.#allClosed?.()
  }

  /** Closes a connection that opened after `close` was called, as the others were closed. */
  dismiss(connection: ConnectionImpl): void {
    connection.close(this.#farewell.code, this.#farewell.reason)
  }

  async close(options: CloseOptions = {}): Promise<void> {
    this.#closing = true
    const retryWithin = options.retryWithin ?? this.#retryWithin
    // A restart window replaces code and reason: the client reads the window from a 1012's reason.
    const code = retryWithin === undefined ? (options.code ?? CloseCode.GOING_AWAY) : CloseCode.SERVICE_RESTART
    // Checked once up front: a bad code throws before any socket is closed; a long reason is trimmed.
    if (!isValidCloseCode(code)) throw new WsError('INVALID_CLOSE_CODE', `[wsbridge] ${code} is not a valid close code (RFC 6455 §7.4)`)
    const reason = retryWithin === undefined ? trimCloseReason(options.reason ?? 'Server is shutting down') : retryWindowReason(retryWithin)
    this.#farewell = { code, reason }
    const timeout = options.timeout ?? this.#closeTimeout
    if (this.#connections.size === 0) {
      await this.#unfinished.empty(timeout)
      return this.#closeHub()
    }
    const done = new Promise<void>((resolve) => (this.#allClosed = resolve))
    for (const connection of this.#connections) connection.close(code, reason)
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeout)))
    await Promise.race([done, timedOut])
    clearTimeout(timer)
    // Stragglers that never completed the closing handshake are dropped; onClose still runs for them.
    for (const connection of this.#connections) dropConnection(connection, 'Terminated at shutdown')
    // Resolve only once every onClose has run (bounded by the same timeout: a hung handler cannot hold shutdown).
    await this.#unfinished.empty(timeout)
    await this.#closeHub()
  }
}
