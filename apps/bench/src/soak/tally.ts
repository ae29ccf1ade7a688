import { defineRoute, type Bridge, type BridgeOptions } from '@wsbridge/core'
import { lagMeter } from './lag.js'

/**
 * What both soak servers (server-node.ts, server-bun.ts) share: the route, the options, and the
 * accounting of onClose calls per connection id. A server prints `READY {port, pid, baseline}` once it
 * listens, `STATS {…}` every second and, after SIGTERM has run the graceful close, `FINAL {…}`. Every
 * line carries the process id: several server processes may share one stdout (Node cluster workers
 * inherit their primary's), and the soak tells them apart by it.
 */

// Only open connections are remembered (a map of every id ever opened would itself grow by the
// churn and be billed to the connections' RSS): an onClose for an id that is not open is a second
// one (or one for a connection never opened); an id still here at the end never had its onClose.
const open: Set<string> = new Set()
const closeCodes: Record<string, number> = {}
let opened = 0
let once = 0
let more = 0

export const soakRoutes = {
  soak: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => {
        opened++
        open.add(connection.id)
        connection.subscribe(`room-${opened % 100}`)
      },
      onMessage: (message, connection) => connection.send(message),
      onClose: (connection, code, reason) => {
        if (open.delete(connection.id)) once++
        else more++
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

/** What a server prints once it listens: its port, its pid and its RSS before any connection. */
export interface ServerReady {
  readonly port: number
  readonly pid: number
  readonly baseline: number
}

/**
 * The figures of one server process, which the parent aggregates over processes; connection ids are
 * unique per process, so each process accounts for its own. `never` is final only once every
 * connection has closed.
 */
export interface SoakStats {
  readonly pid: number
  readonly heap: number
  /** Worst event-loop lag since the process started, in ms (lag.ts). */
  readonly lag: number
  readonly connections: number
  readonly topics: number
  readonly opened: number
  readonly once: number
  readonly more: number
  readonly never: number
  readonly closeCodes: Record<string, number>
}

const lag = lagMeter()

export function soakStats(bridge: Bridge): SoakStats {
  const never = open.size
  const heap = process.memoryUsage().heapUsed
  return {
    pid: process.pid,
    heap,
    lag: lag.worst(),
    connections: bridge.connections.size,
    topics: bridge.topicCount,
    opened,
    once,
    more,
    never,
    closeCodes,
  }
}

/** Announces the server, reports every second, and on SIGTERM closes gracefully and reports once more. */
export function runSoakServer(port: number, bridge: Bridge, close: () => Promise<void>): void {
  const ready: ServerReady = { port, pid: process.pid, baseline: process.memoryUsage().rss }
  process.stdout.write(`READY ${JSON.stringify(ready)}\n`)
  const reporter = setInterval(() => process.stdout.write(`STATS ${JSON.stringify(soakStats(bridge))}\n`), 1000)
  process.once('SIGTERM', () => {
    clearInterval(reporter)
    void close().then(() => {
      process.stdout.write(`FINAL ${JSON.stringify(soakStats(bridge))}\n`, () => process.exit(0))
    })
  })
}
