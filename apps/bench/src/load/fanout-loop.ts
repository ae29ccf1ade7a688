import { CountingLoad, settle } from './load.js'
import { closeAll, type OpenClient } from './pool.js'

/** What every fan-out loop is sized by: subscribers in all, and probes each publisher sends per tick. */
export interface FanoutShape {
  readonly subscribers: number
  readonly burst: number
}

/**
 * The closed fan-out loop FanoutLoad (one server) and ClusterLoad (several instances) share: a
 * tick is `burst` probes from each publisher, and the next tick goes out once at most one tick is
 * undelivered, so the server always has work queued but is never flooded. Each delivery (publish →
 * one subscriber) is one op; latency is publish send → receive. Subclasses open the clients.
 */
export abstract class FanoutLoop<Shape extends FanoutShape> extends CountingLoad<Shape> {
  protected subscribers: OpenClient[] = []
  protected publishers: OpenClient[] = []
  private sent = 0
  private delivered = 0
  private lastProgress = performance.now()
  private watchdog: ReturnType<typeof setInterval> | undefined
  /** The probe's text (each load keeps its own, so its frame size and figures stay comparable). */
  protected abstract readonly text: string
  /** How long `stop` waits for what is in flight before writing it off. */
  protected abstract readonly drainMs: number

  private get undelivered(): number {
    return this.sent * this.shape.subscribers - this.delivered
  }

  /** A subscriber received the probe sent at `sentAt`. */
  protected delivery(sentAt: unknown): void {
    this.delivered++
    this.lastProgress = performance.now()
    this.received(sentAt)
    if (this.running && this.undelivered <= this.shape.burst * this.publishers.length * this.shape.subscribers) this.tick()
  }

  private tick(): void {
    for (let i = 0; i < this.shape.burst; i++)
      for (const publisher of this.publishers)
        publisher.client.send({ type: 'echo', seq: this.sent++, t: performance.now(), text: this.text })
  }

  /** Deliveries a server or backplane dropped are written off, so a lossy target cannot stall the loop. */
  private writeOff(): void {
    this.errors += this.undelivered
    this.delivered = this.sent * this.shape.subscribers
    this.lastProgress = performance.now()
  }

  start(): void {
    this.running = true
    this.lastProgress = performance.now()
    this.watchdog = setInterval(() => {
      if (!this.running || performance.now() - this.lastProgress < 1000) return
      this.writeOff()
      this.tick()
    }, 250)
    this.tick()
    this.tick()
  }

  async stop(): Promise<void> {
    this.running = false
    clearInterval(this.watchdog)
    if (!(await settle(() => this.undelivered <= 0, this.drainMs))) this.writeOff()
  }

  close(): Promise<void> {
    this.running = false
    clearInterval(this.watchdog)
    return closeAll([...this.subscribers, ...this.publishers])
  }
}
