import type { MemorySettings } from '../config.js'
import { closeAll, openMany, sleep, type Target } from '../load/pool.js'
import { openWindow, rssBytes } from '../load/proc.js'
import type { ScenarioResult } from './types.js'

/** Asks the target to collect garbage (targets/ready.ts handles SIGUSR2), then lets RSS settle. */
async function settle(serverPid: number, ms: number): Promise<void> {
  process.kill(serverPid, 'SIGUSR2')
  await sleep(ms)
}

/**
 * Idle memory: the server's RSS growth while `connections` more open, silent sockets join
 * `baseline` ones already open, divided by `connections`. The marginal cost of a connection, not
 * the first connection's: a server that has never held one pays one-time costs on the first few
 * (compiling the upgrade path, the heap's first growth), which on Bun were ~450 B/conn of a 10,000
 * connection run (docs/benchmarks.md, finding 11). The baseline sockets stay open, so the measured
 * ones cannot reuse memory that closed sockets freed.
 */
export async function runMemory(target: Target, serverPid: number, settings: MemorySettings): Promise<ScenarioResult> {
  const baseline = await openMany(target, '/echo', settings.baseline, 128, () => undefined)
  await settle(serverPid, settings.settleMs)
  const before = rssBytes(serverPid)
  const closeWindow = openWindow(serverPid)
  const clients = await openMany(target, '/echo', settings.connections, 128, () => undefined)
  const window = closeWindow()
  await settle(serverPid, settings.settleMs)
  const after = rssBytes(serverPid)
  await closeAll([...baseline, ...clients], 10_000)
  return { scenario: 'memory', ...window, ops: settings.connections, errors: 0, bytesPerConnection: (after - before) / settings.connections }
}
