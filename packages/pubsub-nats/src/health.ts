/**
 * Turns the NATS client's connection events into a few reports. While the server is away the client
 * retries and may fail many times; the bridge's error hook hears the first failure per outage (and
 * one note that publishes are being dropped), not one per attempt.
 */
export class NatsHealth {
  readonly #report: (error: unknown) => void
  #down = false
  #droppingReported = false
  /** Kinds of per-operation failure already reported since the last (re)connect. */
  readonly #reported: Set<string> = new Set()

  constructor(report: (error: unknown) => void) {
    this.#report = report
  }

  get down(): boolean {
    return this.#down
  }

  failed(error: unknown): void {
    if (this.#down) return
    this.#down = true
    const message = error instanceof Error ? error.message : String(error)
    this.#report(new Error(`[wsbridge/pubsub-nats] ${message}`, { cause: error }))
  }

  recovered(): void {
    this.#down = false
    this.#droppingReported = false
    this.#reported.clear()
  }

  dropping(): void {
    if (this.#droppingReported) return
    this.#droppingReported = true
    this.#report(new Error('[wsbridge/pubsub-nats] NATS is not connected: publishes to other instances are dropped until it is back'))
  }

  /**
   * A failure of one operation (a publish the client refused, a server error), not of the
   * connection. Each kind is reported once per connection, so a repeating failure cannot flood the log.
   */
  operation(what: string, error: unknown): void {
    if (this.#reported.has(what)) return
    this.#reported.add(what)
    const message = error instanceof Error ? error.message : String(error)
    this.#report(new Error(`[wsbridge/pubsub-nats] ${what}: ${message}`, { cause: error }))
  }
}
