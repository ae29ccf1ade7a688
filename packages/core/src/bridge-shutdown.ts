import type { CloseOptions } from './bridge-types.js'
import { CloseCode, isValidCloseCode, trimCloseReason } from './close-codes.js'
import type { ConnectionImpl } from './connection.js'
import { drop as dropConnection } from './connection-policy.js'
import { WsError } from './errors.js'
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

  constructor(connections: OpenConnections, unfinished: PendingSet<ConnectionImpl>, closeHub: () => Promise<void>, closeTimeout: number) {
    this.#connections = connections
    this.#unfinished = unfinished
    this.#closeHub = closeHub
    this.#closeTimeout = closeTimeout
  }

  /** Set once `close` was called: upgrades are refused, and a connection that opens anyway is closed. */
  get closing(): boolean {
    return this.#closing
  }

  /** The last open connection was released. */
  drained(): void {
    this.#allClosed?.()
  }

  async close(options: CloseOptions = {}): Promise<void> {
    this.#closing = true
    const timeout = options.timeout ?? this.#closeTimeout
    if (this.#connections.size === 0) {
      await this.#unfinished.empty(timeout)
      return this.#closeHub()
    }
    const done = new Promise<void>((resolve) => (this.#allClosed = resolve))
    const code = options.code ?? CloseCode.GOING_AWAY
    // Checked once up front: a bad code throws before any socket is closed; a long reason is trimmed.
    if (!isValidCloseCode(code)) throw new WsError('INVALID_CLOSE_CODE', `[wsbridge] ${code} is not a valid close code (RFC 6455 §7.4)`)
    const reason = trimCloseReason(options.reason ?? 'Server is shutting down')
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
