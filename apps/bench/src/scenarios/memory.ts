import type { MemorySettings } from '../config.js'
import { closeAll, openMany, sleep, type Target } from '../load/pool.js'
import { openWindow, rssBytes } from '../load/proc.js'
import type { ScenarioResult } from './types.js'

/** Asks the target to collect garbage (targets/ready.ts handles SIGUSR2), then lets RSS settle. */
async function settle(serverPid: number, ms: number): Promise<void> {
  process.kill(serverPid, 'SIGUSR2')
  await sleep(ms)
}

/** Idle memory: server RSS growth for `connections` open, silent sockets, divided by their number. */
export async function runMemory(target: Target, serverPid: number, settings: MemorySettings): Promise<ScenarioResult> {
  await settle(serverPid, settings.settleMs)
  const before = rssBytes(serverPid)
  const closeWindow = openWindow(serverPid)
  const clients = await openMany(target, '/echo', settings.connections, 128, () => undefined)
  const window = closeWindow()
  await settle(serverPid, settings.settleMs)
  const after = rssBytes(serverPid)
  await closeAll(clients, 10_000)
  return { scenario: 'memory', ...window, ops: settings.connections, errors: 0, bytesPerConnection: (after - before) / settings.connections }
}
