import { readFileSync } from 'node:fs'

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat, 100 on every Linux userspace ABI. */
const TICKS_PER_SECOND = 100
const PAGE_SIZE = 4096

/**
 * User + system CPU of a whole process (every thread) in milliseconds, from /proc/<pid>/stat.
 * Works the same for Node and Bun children. Resolution is one tick (10 ms), so windows are seconds long.
 */
export function cpuMs(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the parenthesised command name, which may itself contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
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
