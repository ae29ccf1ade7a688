import { FanoutLoop, type FanoutShape } from './fanout-loop.js'
import { openClient, openMany, sleep, type Target } from './pool.js'

export type { FanoutShape } from './fanout-loop.js'

/**
 * One publisher, `subscribers` clients on one topic of one server, in the closed loop of
 * FanoutLoop: at most two bursts undelivered at any time.
 */
export class FanoutLoad extends FanoutLoop<FanoutShape> {
  protected readonly text = 'fan-out'
  protected readonly drainMs = 2000

  static async open(target: Target, path: string, shape: FanoutShape): Promise<FanoutLoad> {
    const load = new FanoutLoad(shape)
    load.subscribers = await openMany(target, path, shape.subscribers, 64, (_index, probe) => load.delivery(probe.t))
    load.publishers = [await openClient(target, path, () => undefined)]
    await sleep(100) // subscriptions made in open handlers settle before the first publish
    return load
  }
}
