/** What `BackplaneHealth` needs: how to name the driver and its backend, and where reports go. */
export interface BackplaneHealthOptions {
  /** Prefix of every reported message, e.g. `[wsbridge/pubsub-redis]`. */
  readonly tag: string
  /** The backend's name in messages, e.g. `Redis`. */
  readonly backend: string
  /** Where failures go: the bridge's error hook (`sink.error`). */
  readonly report: (error: unknown) => void
  /** Told when the first connection goes down and when the last one is back (`sink.state`, for instrumentation). */
  readonly state?: (state: 'up' | 'down') => void
}

/**
 * Turns a backplane client's stream of connection events into a few reports. While the backend is
 * away a client retries and may fail once per attempt; the bridge's error hook hears the first
 * failure per connection per outage (and one note that publishes are being dropped), not hundreds.
 * A driver with several connections (Redis: publisher and subscriber) names each one as a `role`.
 *
 * @example
 * const health = new BackplaneHealth({ tag: '[my-driver]', backend: 'Kafka', report: (e) => sink.error(e), state: (s) => sink.state?.(s) })
 * client.on('error', (error) => health.failed(error))
 * client.on('ready', () => health.recovered())
 */
export class BackplaneHealth {
  readonly #options: BackplaneHealthOptions
  readonly #down: Set<string> = new Set()
  /** Kinds of per-operation failure already reported since the backend was last fully up. */
  readonly #reported: Set<string> = new Set()
  #droppingReported = false
  #stated: 'up' | 'down' | undefined

  constructor(options: BackplaneHealthOptions) {
    this.#options = options
  }

  /** True while any connection is down. */
  get down(): boolean {
    return this.#down.size > 0
  }

  /** Connection `role` failed; reported once until it recovers. */
  failed(error: unknown, role?: string): void {
    const key = role ?? ''
    if (this.#down.has(key)) return
    this.#down.add(key)
    this.#tell('down')
    const message = error instanceof Error ? error.message : String(error)
    this.#report(`${role ? `${role}: ` : ''}${message}`, error)
  }

  /** Connection `role` is back; once every connection is, the next outage is reported afresh. */
  recovered(role?: string): void {
    this.#down.delete(role ?? '')
    if (this.#down.size > 0) return
    this.#tell('up')
    this.#droppingReported = false
    this.#reported.clear()
  }

  /** A publish was dropped because the backend is away; said once per outage. */
  dropping(): void {
    if (this.#droppingReported) return
    this.#droppingReported = true
    this.#report(`${this.#options.backend} is not connected: publishes to other instances are dropped until it is back`)
  }

  /**
   * A failure of one operation (a publish the client refused, a server error), not of the
   * connection. Each kind is reported once per outage-free period, so a repeating failure cannot flood the log.
   */
  operation(what: string, error: unknown): void {
    if (this.#reported.has(what)) return
    this.#reported.add(what)
    const message = error instanceof Error ? error.message : String(error)
    this.#report(`${what}: ${message}`, error)
  }

  #report(message: string, cause?: unknown): void {
    const text = `${this.#options.tag} ${message}`
    this.#options.report(cause === undefined ? new Error(text) : new Error(text, { cause }))
  }

  /** Tells the state once per change: the first ready connection after a start or an outage says 'up'. */
  #tell(state: 'up' | 'down'): void {
    if (this.#stated === state) return
    this.#stated = state
    this.#options.state?.(state)
  }
}
