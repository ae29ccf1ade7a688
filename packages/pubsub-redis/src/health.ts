/**
 * Turns ioredis's stream of connection errors into a few reports. While Redis is down ioredis
 * retries with backoff and emits an error per attempt; the bridge's error hook gets the first one
 * per connection per outage (and one note that publishes are being dropped), not hundreds.
 */
export class RedisHealth {
  readonly #report: (error: unknown) => void
  readonly #state: (state: 'up' | 'down') => void
  readonly #down: Set<string> = new Set()
  #droppingReported = false
  #stated: 'up' | 'down' | undefined

  /** `state`: told when the first connection goes down and when the last one is back (instrumentation). */
  constructor(report: (error: unknown) => void, state: (state: 'up' | 'down') => void = () => {}) {
    this.#report = report
    this.#state = state
  }

  failed(role: 'publisher' | 'subscriber', error: unknown): void {
    if (this.#down.has(role)) return
    this.#down.add(role)
    this.#tell('down')
    const message = error instanceof Error ? error.message : String(error)
    this.#report(new Error(`[wsbridge/pubsub-redis] ${role}: ${message}`, { cause: error }))
  }

  recovered(role: 'publisher' | 'subscriber'): void {
    this.#down.delete(role)
    if (this.#down.size === 0) this.#tell('up')
    if (role === 'publisher') this.#droppingReported = false
  }

  dropping(): void {
    if (this.#droppingReported) return
    this.#droppingReported = true
    this.#report(new Error('[wsbridge/pubsub-redis] Redis is not connected: publishes to other instances are dropped until it is back'))
  }

  /** Tells the state once per change: the first ready connection after a start or an outage says 'up'. */
  #tell(state: 'up' | 'down'): void {
    if (this.#stated === state) return
    this.#stated = state
    this.#state(state)
  }
}
