import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import { defineRoute } from '@wsbridge/core'

/**
 * The soak's server process (forked by soak.ts so its RSS is the server's alone). It counts, per
 * connection id, how many times onClose ran, and reports to the parent over IPC.
 */

const heartbeat = Number(process.env['SOAK_HEARTBEAT_MS'] ?? 5000)
const closeCalls: Map<string, number> = new Map()
let opened = 0
const closeCodes: Record<string, number> = {}

const routes = {
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

// 10k+ connections come from one IP here, so the per-IP cap is off; heartbeat is what is under test.
const wss = createNodeWebSocketServer(routes, {
  prefix: '/ws',
  heartbeat,
  maxConnections: 0,
  maxConnectionsPerIp: 0,
  onError: () => undefined,
  logger: false,
})
const http = createServer((_request, response) => response.writeHead(404).end())
wss.attach(http)
http.listen(0, '127.0.0.1', () => {
  const baseline = process.memoryUsage().rss
  process.send?.({ type: 'ready', port: (http.address() as AddressInfo).port, baseline })
})

function stats() {
  let once = 0
  let more = 0
  let never = 0
  for (const count of closeCalls.values()) {
    if (count === 1) once++
    else if (count > 1) more++
    else never++
  }
  return {
    rss: process.memoryUsage().rss,
    heap: process.memoryUsage().heapUsed,
    connections: wss.bridge.connections.size,
    topics: wss.bridge.topicCount,
    opened,
    once,
    more,
    never,
    closeCodes,
  }
}

const reporter = setInterval(() => process.send?.({ type: 'stats', ...stats() }), 1000)

process.on('message', (message: { type: string }) => {
  if (message.type !== 'shutdown') return
  clearInterval(reporter)
  void wss.close().then(() => {
    process.send?.({ type: 'final', ...stats() })
    http.close(() => process.exit(0))
  })
})
