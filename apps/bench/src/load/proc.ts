import { readdirSync, readFileSync } from 'node:fs'

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat, 100 on every Linux userspace ABI. */
const TICKS_PER_SECOND = 100
const PAGE_SIZE = 4096

/** utime + stime of a whole process from /proc/<pid>/stat, in ms (10 ms resolution). */
function statCpuMs(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the parenthesised command name, which may itself contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
}

/** The same user + system time summed over the live threads' schedstat, in ns resolution. */
function schedCpuMs(pid: number | 'self'): number {
  let ns = 0
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0])
    } catch {
      // the thread exited between readdir and read
    }
  }
  return ns / 1e6
}

let useSchedstat: boolean | undefined

/**
 * CPU time (user + system, every thread) of a process in ms; works the same for Node and Bun.
 * /proc/<pid>/stat counts in 10 ms ticks, too coarse for sub-second windows, so the per-thread
 * schedstat sum (same quantity, ns) is used where the kernel provides it, stat otherwise.
 */
export function cpuMs(pid: number | 'self'): number {
  useSchedstat ??= schedCpuMs('self') > 0
  return useSchedstat ? schedCpuMs(pid) : statCpuMs(pid)
}

/** Resident set size in bytes (second field of /proc/<pid>/statm, in pages). */
export function rssBytes(pid: number): number {
  const statm = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')
  return Number(statm[1]) * PAGE_SIZE
}

export interface CpuWindow {
  readonly wallMs: number
  readonly serverCpuMs: number
  readonly clientCpuMs: number
}

/** Starts a measurement window; call the returned function to close it. */
export function openWindow(serverPid: number): () => CpuWindow {
  const wall = performance.now()
  const server = cpuMs(serverPid)
  const client = cpuMs('self')
  return () => ({ wallMs: performance.now() - wall, serverCpuMs: cpuMs(serverPid) - server, clientCpuMs: cpuMs('self') - client })
}

export interface WindowEdges {
  /** Awaited after the warm-up, before counting starts: may extend the warm-up. */
  warm?(): Promise<void>
  open(): void
  close(): void
}

let windowEdges: WindowEdges | undefined

/**
 * Calls `edges.open()` as every counted window opens and `edges.close()` as it closes, synchronously,
 * so no reply is counted in between. `pnpm bench:instructions` zeroes and dumps valgrind's
 * instruction counters there (src/instructions/generator.ts); no edges are set otherwise.
 */
export function onWindowEdges(edges: WindowEdges): void {
  windowEdges = edges
}

/**
 * The measured part of a scenario: warm up, then count operations (via `setCounting`) during one
 * window of server and client CPU. Every load scenario uses it, so they all measure the same way.
 */
export async function measureWindow(
  serverPid: number,
  timing: { readonly warmupMs: number; readonly windowMs: number },
  setCounting: (on: boolean) => void,
): Promise<CpuWindow> {
  await new Promise((resolve) => setTimeout(resolve, timing.warmupMs))
  if (windowEdges?.warm) await windowEdges.warm()
  setCounting(true)
  windowEdges?.open()
  const closeWindow = openWindow(serverPid)
  await new Promise((resolve) => setTimeout(resolve, timing.windowMs))
  windowEdges?.close()
  const window = closeWindow()
  setCounting(false)
  return window
}

/**
 * Waits until the server has used under 1 ms of CPU in 50 ms, so work left over from the previous
 * scenario (closing thousands of sockets) is not billed to the next one.
 */
export async function quiesce(serverPid: number, maxMs = 5000): Promise<void> {
  const deadline = performance.now() + maxMs
  let last = cpuMs(serverPid)
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    const now = cpuMs(serverPid)
    if (now - last < 1) return
    last = now
  }
}
