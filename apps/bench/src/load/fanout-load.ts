import { CountingLoad, settle } from './load.js'
import { closeAll, openClient, openMany, sleep, type OpenClient, type Target } from './pool.js'

export interface FanoutShape {
  readonly subscribers: number
  readonly burst: number
}

/**
 * One publisher, `subscribers` clients on one topic. While running, the publisher sends bursts of
 * `burst` probes and keeps at most two bursts undelivered, so the server always has work queued but
 * the client never floods it. Each delivery (publish → one subscriber) is one op.
 */
export class FanoutLoad extends CountingLoad<FanoutShape> {
  private subscribers: OpenClient[] = []
  private publisher: OpenClient | undefined
  private sent = 0
  private delivered = 0
  private lastProgress = performance.now()
  private watchdog: ReturnType<typeof setInterval> | undefined

  static async open(target: Target, path: string, shape: FanoutShape): Promise<FanoutLoad> {
    const load = new FanoutLoad(shape)
    load.subscribers = await openMany(target, path, shape.subscribers, 64, (_index, probe) => load.delivery(probe.t))
    load.publisher = await openClient(target, path, () => undefined)
    await sleep(100) // subscriptions made in open handlers settle before the first publish
    return load
  }

  private get undelivered(): number {
    return this.sent * this.shape.subscribers - this.delivered
  }

  private delivery(sentAt: unknown): void {
    this.delivered++
    this.lastProgress = performance.now()
    this.received(sentAt)
    if (this.running && this.undelivered <= this.shape.burst * this.shape.subscribers) this.publishBurst()
  }

  private publishBurst(): void {
    for (let i = 0; i < this.shape.burst; i++)
      this.publisher!.client.send({ type: 'echo', seq: this.sent++, t: performance.now(), text: 'fan-out' })
  }

  /** Deliveries a server dropped are written off, so a lossy target cannot stall the closed loop. */
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
      this.publishBurst()
    }, 250)
    this.publishBurst()
    this.publishBurst()
  }

  async stop(): Promise<void> {
    this.running = false
    clearInterval(this.watchdog)
    if (!(await settle(() => this.undelivered <= 0))) this.writeOff()
  }

  close(): Promise<void> {
    this.running = false
    clearInterval(this.watchdog)
    return closeAll([...this.subscribers, ...(this.publisher ? [this.publisher] : [])])
  }
}
