/**
 * Every target server calls `announce(port)` once it listens. The runner reads the READY line to
 * learn the port and the pid whose /proc/<pid>/stat it samples for server CPU and RSS.
 */
import { reportHeap } from './heap-report.js'

declare const Bun: { gc(force: boolean): void } | undefined

/**
 * Collects garbage so idle-memory readings compare live memory, not each runtime's GC timing, and
 * reports the heap left in use (heap-report.ts).
 */
function collectGarbage(): void {
  if (typeof Bun !== 'undefined') Bun.gc(true)
  else (globalThis as { gc?: () => void }).gc?.()
  reportHeap()
}

export function announce(port: number): void {
  // SIGUSR2, not SIGUSR1: Node reserves SIGUSR1 for the inspector.
  process.on('SIGUSR2', collectGarbage)
  process.on('SIGTERM', () => process.exit(0))
  process.stdout.write(`READY ${port} ${process.pid}\n`)
}

/** The same echo work every target does: parse the JSON text, send it back re-serialized. */
export function reencode(text: string): string {
  return JSON.stringify(JSON.parse(text))
}

export const HOST = '127.0.0.1'
export const FAN_TOPIC = 'bench'
