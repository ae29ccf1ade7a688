import { readFileSync, rmSync } from 'node:fs'
import type { MemorySettings } from '../config.js'
import { closeAll, openMany, sleep, type Target } from '../load/pool.js'
import { openWindow, rssBytes } from '../load/proc.js'
import { heapReportPath } from '../targets/heap-report.js'
import type { ScenarioResult } from './types.js'

/** How long a server may take to collect garbage and report its heap. */
const HEAP_REPORT_TIMEOUT_MS = 10_000

/**
 * Asks the target to collect garbage (targets/ready.ts handles SIGUSR2), waits for the heap it
 * reports afterwards, then lets RSS settle. Returns the live JS heap in bytes.
 */
async function settle(serverPid: number, ms: number): Promise<number> {
  const path = heapReportPath(serverPid)
  rmSync(path, { force: true })
  process.kill(serverPid, 'SIGUSR2')
  const deadline = Date.now() + HEAP_REPORT_TIMEOUT_MS
  let heap = Number.NaN
  while (Number.isNaN(heap) && Date.now() < deadline) {
    await sleep(10)
    try {
      heap = Number(readFileSync(path, 'utf8'))
    } catch {
      // not written yet
    }
  }
  rmSync(path, { force: true })
  await sleep(ms)
  return heap
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
  const heapBefore = await settle(serverPid, settings.settleMs)
  const before = rssBytes(serverPid)
  const closeWindow = openWindow(serverPid)
  const clients = await openMany(target, '/echo', settings.connections, 128, () => undefined)
  const window = closeWindow()
  const heapAfter = await settle(serverPid, settings.settleMs)
  const after = rssBytes(serverPid)
  await closeAll([...baseline, ...clients], 10_000)
  const perConnection = (bytes: number): number => bytes / settings.connections
  return {
    scenario: 'memory',
    ...window,
    ops: settings.connections,
    errors: 0,
    bytesPerConnection: perConnection(after - before),
    heapBytesPerConnection: perConnection(heapAfter - heapBefore),
  }
}
