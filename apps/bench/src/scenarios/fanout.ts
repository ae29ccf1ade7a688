import type { FanoutSettings } from '../config.js'
import { Histogram } from '../load/histogram.js'
import { closeAll, openClient, openMany, sleep, type Target } from '../load/pool.js'
import { measureWindow } from '../load/proc.js'
import type { ScenarioResult } from './types.js'

/**
 * One publisher, `subscribers` clients on one topic. The publisher sends bursts of `burst` probes
 * and keeps at most two bursts undelivered, so the server always has work queued but the client
 * never floods it. Deliveries/s and delivery latency (publish send → subscriber receive).
 */
export async function runFanout(target: Target, serverPid: number, settings: FanoutSettings): Promise<ScenarioResult> {
  const histogram = new Histogram()
  const perBurst = settings.burst * settings.subscribers
  let counting = false
  let running = false
  let ops = 0
  let errors = 0
  let sent = 0
  let received = 0
  let lastProgress = performance.now()

  const subscribers = await openMany(target, '/fan', settings.subscribers, 64, (_index, probe) => {
    if (typeof probe.t !== 'number') return void errors++
    received++
    lastProgress = performance.now()
    if (counting) {
      ops++
      histogram.record(lastProgress - probe.t)
    }
    if (running && sent * settings.subscribers - received <= perBurst) publishBurst()
  })
  const publisher = await openClient(target, '/fan', () => undefined)
  const publishBurst = (): void => {
    for (let i = 0; i < settings.burst; i++) publisher.client.send({ type: 'echo', seq: sent++, t: performance.now(), text: 'fan-out' })
  }
  // Lost deliveries (a target dropping frames) must not stall the closed loop: write them off.
  const watchdog = setInterval(() => {
    if (!running || performance.now() - lastProgress < 1000) return
    errors += sent * settings.subscribers - received
    received = sent * settings.subscribers
    lastProgress = performance.now()
    publishBurst()
  }, 250)

  await sleep(100) // subscriptions made in open handlers settle before the first publish
  running = true
  publishBurst()
  publishBurst()
  const window = await measureWindow(serverPid, settings, (on) => void (counting = on))
  running = false
  clearInterval(watchdog)
  await closeAll([...subscribers, publisher])
  return { scenario: 'fanout', ...window, ops, errors, p50Ms: histogram.percentile(0.5), p99Ms: histogram.percentile(0.99) }
}
