import type { FanoutSettings } from '../config.js'
import { FanoutLoad } from '../load/fanout-load.js'
import type { Target } from '../load/pool.js'
import { measureWindow } from '../load/proc.js'
import type { ScenarioResult } from './types.js'

/** Fan-out: deliveries/s and delivery latency (publish send → subscriber receive); see FanoutLoad. */
export async function runFanout(target: Target, serverPid: number, settings: FanoutSettings): Promise<ScenarioResult> {
  const load = await FanoutLoad.open(target, '/fan', settings)
  load.start()
  const window = await measureWindow(serverPid, settings, (on) => void (load.counting = on))
  await load.stop()
  await load.close()
  return {
    scenario: 'fanout',
    ...window,
    ops: load.ops,
    errors: load.errors,
    p50Ms: load.histogram.percentile(0.5),
    p99Ms: load.histogram.percentile(0.99),
  }
}
