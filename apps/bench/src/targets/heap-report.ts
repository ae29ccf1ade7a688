import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Where a target server leaves its live JS heap size after a forced GC, for the memory scenario.
 * A file, because the load generator that asks for it is not the process reading the server's
 * stdout (the runner is).
 */
export const heapReportPath = (pid: number): string => join(tmpdir(), `wsbridge-bench-heap-${pid}`)

/** Writes `process.memoryUsage().heapUsed` (V8's or JSC's heap in use) where the generator reads it. */
export function reportHeap(): void {
  writeFileSync(heapReportPath(process.pid), String(process.memoryUsage().heapUsed))
}
