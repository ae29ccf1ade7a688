import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { benchDir, bunBinary, onLines, spawnWithFds, tailStderr } from '../runner/spawn.js'
import { soakBuildDir, type SoakAdapter } from './processes.js'
import type { ServerReady, SoakStats } from './tally.js'

/**
 * The soak's server processes, all listening on one port. One process cannot hold more connections
 * than its open-file limit, so a large soak runs several (preflight.ts decides how many):
 * - Bun: every process calls `Bun.serve({ reusePort: true })` on the same port; the kernel
 *   (SO_REUSEPORT) hashes each incoming connection onto one of their listening sockets.
 * - Node 20 (`net` has no reusePort): a `node:cluster` primary (server-node-primary.ts) accepts each
 *   connection and hands it round-robin to a worker. A single Node process runs without the cluster.
 */
export interface ServerMember {
  readonly pid: number
  readonly baseline: number
  /** The latest `STATS` line, then the `FINAL` one once the process has shut down gracefully. */
  stats: SoakStats | undefined
  final: SoakStats | undefined
}

export interface ServerGroup {
  readonly port: number
  readonly members: readonly ServerMember[]
  /** The Node cluster primary, which holds no connection of its own; absent otherwise. */
  readonly primaryPid: number | undefined
  /** Stops every member gracefully (SIGTERM) and resolves with their `FINAL` figures. */
  stop(timeoutMs: number): Promise<readonly SoakStats[]>
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const serverLines = ['READY', 'STATS', 'FINAL']
const killQuietly = (pid: number): void => {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

export async function startSoakServers(adapter: SoakAdapter, heartbeat: number, count: number): Promise<ServerGroup> {
  const members: Map<number, ServerMember> = new Map()
  const ports: Set<number> = new Set()
  const children: ChildProcess[] = []
  let failure: string | undefined
  let stopping = false
  // A soak that fails part-way must not leave servers holding thousands of sockets behind it.
  process.once('exit', () => {
    for (const child of children) child.kill('SIGKILL')
    for (const member of members.values()) if (!member.final) killQuietly(member.pid)
  })

  const launch = (command: readonly string[], env: Record<string, string>, name: string): ChildProcess => {
    const child = spawnWithFds(command, { SOAK_HEARTBEAT_MS: String(heartbeat), ...env })
    const stderr = tailStderr(child)
    // 'close' (stdio ended, after 'exit'): the last lines and stderr are in by then.
    child.once('close', (code, signal) => {
      if (!stopping || code !== 0) failure ??= `${name} exited (${code ?? signal}): ${stderr().trim().split('\n').slice(-3).join(' | ')}`
    })
    onLines(child, (line) => {
      const space = line.indexOf(' ')
      const kind = line.slice(0, space)
      if (!serverLines.includes(kind)) return
      const value = JSON.parse(line.slice(space + 1)) as ServerReady | SoakStats
      if (kind === 'READY') {
        ports.add((value as ServerReady).port)
        members.set(value.pid, { pid: value.pid, baseline: (value as ServerReady).baseline, stats: undefined, final: undefined })
        return
      }
      const member = members.get(value.pid)
      if (member && kind === 'STATS') member.stats = value as SoakStats
      if (member && kind === 'FINAL') member.final = value as SoakStats
    })
    children.push(child)
    return child
  }

  const until = async (done: () => boolean, timeoutMs: number, what: string): Promise<void> => {
    const deadline = Date.now() + timeoutMs
    while (!done()) {
      if (failure) throw new Error(failure)
      if (Date.now() > deadline) throw new Error(`soak servers: ${what} within ${timeoutMs / 1000} s`)
      await sleep(100)
    }
  }

  let primaryPid: number | undefined
  if (adapter === 'bun') {
    const bun = (port: number, i: number): ChildProcess =>
      launch([bunBinary, join(benchDir, 'src', 'soak', 'server-bun.ts')], { SOAK_PORT: String(port) }, `bun server ${i}`)
    // The first picks a free port; the others then bind the same one with SO_REUSEPORT.
    bun(0, 0)
    await until(() => members.size === 1, 60_000, 'the first server printed no READY')
    const [port] = ports
    for (let i = 1; i < count; i++) bun(port ?? 0, i)
  } else if (count === 1) {
    launch([process.execPath, join(soakBuildDir, 'server-node.mjs')], {}, 'node-ws server')
  } else {
    primaryPid = launch(
      [process.execPath, join(soakBuildDir, 'server-node-primary.mjs')],
      { SOAK_WORKERS: String(count) },
      'node-ws cluster',
    ).pid
  }
  await until(() => members.size === count, 60_000, `not all ${count} server processes printed READY`)
  if (ports.size !== 1) throw new Error(`the server processes listen on different ports (${[...ports].join(', ')}), not one shared port`)

  const list = [...members.values()]
  return {
    port: [...ports][0] ?? 0,
    members: list,
    primaryPid,
    async stop(timeoutMs) {
      stopping = true
      for (const member of list) process.kill(member.pid, 'SIGTERM')
      await until(() => list.every((member) => member.final), timeoutMs, 'not every server process printed FINAL')
      for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
      return list.map((member) => member.final as SoakStats)
    },
  }
}
