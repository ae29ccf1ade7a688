import type { EchoSettings } from '../config.js'
import { Histogram } from '../load/histogram.js'
import { closeAll, openMany, type OpenClient, type Target } from '../load/pool.js'
import { measureWindow } from '../load/proc.js'
import type { Probe } from '../load/clients.js'
import type { ScenarioName, ScenarioResult } from './types.js'

/**
 * Closed-loop pipelined echo: every client keeps `depth` probes in flight and sends a new one for
 * each reply. Used for the plain echo route and the valibot-validated typed route (same probes).
 */
export async function runEcho(target: Target, serverPid: number, scenario: ScenarioName, path: string, settings: EchoSettings): Promise<ScenarioResult> {
  const histogram = new Histogram()
  let counting = false
  let running = true
  let ops = 0
  let errors = 0
  let seq = 0
  const probe = (): Probe => ({ type: 'echo', seq: seq++, t: performance.now(), text: 'hello from the bench' })
  let clients: OpenClient[] = []
  clients = await openMany(target, path, settings.clients, 64, (index, reply) => {
    if (typeof reply.t !== 'number') errors++
    else if (counting) {
      ops++
      histogram.record(performance.now() - reply.t)
    }
    if (running) clients[index]!.client.send(probe())
  })
  for (const { client } of clients) for (let i = 0; i < settings.depth; i++) client.send(probe())
  const window = await measureWindow(serverPid, settings, (on) => void (counting = on))
  running = false
  await closeAll(clients)
  return { scenario, ...window, ops, errors, p50Ms: histogram.percentile(0.5), p99Ms: histogram.percentile(0.99) }
}
