import { defineRoute, type Bridge, type BridgeOptions } from '@wsbridge/core'

/**
 * What both soak servers (server-node.ts, server-bun.ts) share: the route, the options, and the
 * per-connection count of onClose calls. A server prints `READY <port> <pid> <baselineRss>` once it
 * listens, `STATS {…}` every second and, after SIGTERM has run the graceful close, `FINAL {…}`.
 */

const closeCalls: Map<string, number> = new Map()
const closeCodes: Record<string, number> = {}
let opened = 0

export const soakRoutes = {
  soak: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => {
        opened++
        closeCalls.set(connection.id, 0)
        connection.subscribe(`room-${opened % 100}`)
      },
      onMessage: (message, connection) => connection.send(message),
      onClose: (connection, code, reason) => {
        closeCalls.set(connection.id, (closeCalls.get(connection.id) ?? 0) + 1)
        // Keyed by code and reason: core's heartbeat terminations read `1006 Heartbeat timeout`.
        const key = reason ? `${code} ${reason}` : String(code)
        closeCodes[key] = (closeCodes[key] ?? 0) + 1
      },
    },
  }),
}

// 100k connections come from a few loopback addresses, so the caps are off; heartbeat is what is under test.
export const soakOptions: BridgeOptions = {
  prefix: '/ws',
  heartbeat: Number(process.env['SOAK_HEARTBEAT_MS'] ?? 5000),
  maxConnections: 0,
  maxConnectionsPerIp: 0,
  onError: () => undefined,
  logger: false,
}

/** The figures the parent aggregates; `once + more + never` counts every connection ever opened. */
export interface SoakStats {
  readonly heap: number
  readonly connections: number
  readonly topics: number
  readonly opened: number
  readonly once: number
  readonly more: number
  readonly never: number
  readonly closeCodes: Record<string, number>
}

export function soakStats(bridge: Bridge): SoakStats {
  let once = 0
  let more = 0
  let never = 0
  for (const count of closeCalls.values()) {
    if (count === 1) once++
    else if (count > 1) more++
    else never++
  }
  const heap = process.memoryUsage().heapUsed
  return { heap, connections: bridge.connections.size, topics: bridge.topicCount, opened, once, more, never, closeCodes }
}

/** Announces the server, reports every second, and on SIGTERM closes gracefully and reports once more. */
export function runSoakServer(port: number, bridge: Bridge, close: () => Promise<void>): void {
  process.stdout.write(`READY ${port} ${process.pid} ${process.memoryUsage().rss}\n`)
  const reporter = setInterval(() => process.stdout.write(`STATS ${JSON.stringify(soakStats(bridge))}\n`), 1000)
  process.once('SIGTERM', () => {
    clearInterval(reporter)
    void close().then(() => {
      process.stdout.write(`FINAL ${JSON.stringify(soakStats(bridge))}\n`, () => process.exit(0))
    })
  })
}
