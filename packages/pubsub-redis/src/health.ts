/**
 * Turns ioredis's stream of connection errors into a few reports. While Redis is down ioredis
 * retries with backoff and emits an error per attempt; the bridge's error hook gets the first one
 * per connection per outage (and one note that publishes are being dropped), not hundreds.
 */
export class RedisHealth {
  readonly #report: (error: unknown) => void
  readonly #down: Set<string> = new Set()
  #droppingReported = false

  constructor(report: (error: unknown) => void) {
    this.#report = report
  }

  failed(role: 'publisher' | 'subscriber', error: unknown): void {
    if (this.#down.has(role)) return
    this.#down.add(role)
    const message = error instanceof Error ? error.message : String(error)
    this.#report(new Error(`[wsbridge/pubsub-redis] ${role}: ${message}`, { cause: error }))
  }

  recovered(role: 'publisher' | 'subscriber'): void {
    this.#down.delete(role)
    if (role === 'publisher') this.#droppingReported = false
  }

  dropping(): void {
    if (this.#droppingReported) return
    this.#droppingReported = true
    this.#report(new Error('[wsbridge/pubsub-redis] Redis is not connected: publishes to other instances are dropped until it is back'))
  }
}
