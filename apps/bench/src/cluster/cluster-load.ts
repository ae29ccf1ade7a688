import type { Probe } from '../load/clients.js'
import { CountingLoad, settle } from '../load/load.js'
import { closeAll, openClient, openMany, sleep, type OpenClient, type Target } from '../load/pool.js'

export interface ClusterShape {
  /** Subscribers in all, spread round-robin over the instances. */
  readonly subscribers: number
  /** Publishers in all, spread the same way (one per instance by default). */
  readonly publishers: number
  /** Probes each publisher sends per tick. */
  readonly burst: number
}

/**
 * Fan-out across instances: every publish reaches every subscriber, on whichever instance it is.
 * Closed loop like FanoutLoad: a tick is `burst` probes from each publisher, and the next tick goes
 * out once at most one tick is undelivered, so the backplane always has work queued but is never
 * flooded. Each delivery (publish → one subscriber) is one op; latency is publish send → receive.
 */
export class ClusterLoad extends CountingLoad<ClusterShape> {
  private subscribers: OpenClient[] = []
  private publishers: OpenClient[] = []
  private sent = 0
  private delivered = 0
  private lastProgress = performance.now()
  private watchdog: ReturnType<typeof setInterval> | undefined

  static async open(instances: readonly Target[], shape: ClusterShape): Promise<ClusterLoad> {
    const load = new ClusterLoad(shape)
    const onProbe = (_index: number, probe: Probe): void => load.delivery(probe.t)
    const share = (total: number, i: number): number => Math.floor(total / instances.length) + (i < total % instances.length ? 1 : 0)
    for (const [i, instance] of instances.entries()) {
      load.subscribers.push(...(await openMany(instance, '/sub', share(shape.subscribers, i), 32, onProbe)))
      for (let p = 0; p < share(shape.publishers, i); p++) load.publishers.push(await openClient(instance, '/pub', () => undefined))
    }
    await sleep(300) // subscriptions, and the backplane's subscribe to the topic, settle before the first publish
    return load
  }

  private get undelivered(): number {
    return this.sent * this.shape.subscribers - this.delivered
  }

  private delivery(sentAt: unknown): void {
    this.delivered++
    this.lastProgress = performance.now()
    this.received(sentAt)
    if (this.running && this.undelivered <= this.shape.burst * this.publishers.length * this.shape.subscribers) this.tick()
  }

  private tick(): void {
    for (let i = 0; i < this.shape.burst; i++)
      for (const publisher of this.publishers)
        publisher.client.send({ type: 'echo', seq: this.sent++, t: performance.now(), text: 'cluster fan-out' })
  }

  /** Deliveries lost on the way (at-most-once backplane) are written off so the loop cannot stall. */
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
    if (!(await settle(() => this.undelivered <= 0, 5000))) this.writeOff()
  }

  close(): Promise<void> {
    this.running = false
    clearInterval(this.watchdog)
    return closeAll([...this.subscribers, ...this.publishers])
  }
}
