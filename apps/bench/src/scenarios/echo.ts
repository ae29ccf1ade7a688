import type { EchoSettings } from '../config.js'
import { EchoLoad } from '../load/echo-load.js'
import type { Target } from '../load/pool.js'
import { measureWindow } from '../load/proc.js'
import type { ScenarioName, ScenarioResult } from './types.js'

/** Closed-loop pipelined echo on the plain echo route or the valibot-validated typed route. */
export async function runEcho(
  target: Target,
  serverPid: number,
  scenario: ScenarioName,
  path: string,
  settings: EchoSettings,
): Promise<ScenarioResult> {
  const load = await EchoLoad.open(target, path, settings)
  load.start()
  const window = await measureWindow(serverPid, settings, (on) => void (load.counting = on))
  await load.stop()
  await load.close()
  return {
    scenario,
    ...window,
    ops: load.ops,
    errors: load.errors,
    p50Ms: load.histogram.percentile(0.5),
    p99Ms: load.histogram.percentile(0.99),
  }
}
