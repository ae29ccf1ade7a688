import type { Probe } from '../load/clients.js'
import { FanoutLoop, type FanoutShape } from '../load/fanout-loop.js'
import { openClient, openMany, sleep, type Target } from '../load/pool.js'

export interface ClusterShape extends FanoutShape {
  /** Subscribers in all, spread round-robin over the instances. */
  readonly subscribers: number
  /** Publishers in all, spread the same way (one per instance by default). */
  readonly publishers: number
  /** Probes each publisher sends per tick. */
  readonly burst: number
}

/**
 * Fan-out across instances: every publish reaches every subscriber, on whichever instance it is,
 * in the closed loop of FanoutLoop. Deliveries lost on the way (at-most-once backplane) are written
 * off by its watchdog; `stop` waits up to 5 s for a backplane's slower drain.
 */
export class ClusterLoad extends FanoutLoop<ClusterShape> {
  protected readonly text = 'cluster fan-out'
  protected readonly drainMs = 5000

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
}
