/**
 * One server instance of the deploy-storm bench: adapter-node-ws on a fixed port (PORT, 0 for any),
 * with the restart window RETRY_WITHIN (ms; unset: the plain 1001 shutdown). A 'shutdown' command
 * runs the graceful close a deploy runs, reports the counters and exits.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import { defineRoute } from '@wsbridge/core'
import type { InstanceCommand, InstanceReport } from './routes.js'

const retryWithin = process.env['RETRY_WITHIN'] ? Number(process.env['RETRY_WITHIN']) : undefined
let opens = 0
let errors = 0
let refusals = 0
const errorCodes = new Set<string>()

// stormRoutes.hold, counting opens.
const routes = {
  hold: defineRoute({ kind: 'ws', handler: { onOpen: () => void opens++, onMessage: () => undefined } }),
}
const wss = createNodeWebSocketServer(routes, {
  prefix: '/ws',
  ...(retryWithin === undefined ? {} : { retryWithin }),
  logger: false,
  // Every bench client comes from 127.0.0.1: the per-IP cap would refuse all but the first thousand.
  maxConnectionsPerIp: 1_000_000,
  onError: (error) => {
    errors++
    errorCodes.add(error.code)
  },
  onRefused: (refusal) => {
    refusals++
    errorCodes.add(`refused ${refusal.status} ${refusal.code}`)
  },
})
const server = createServer((_req, res) => res.writeHead(404).end())
wss.attach(server)

const report = (message: InstanceReport) => process.send?.(message)
const stats = (): InstanceReport => ({ type: 'stats', opens, errors, refusals, errorCodes: [...errorCodes] })

process.on('message', async (command: InstanceCommand) => {
  if (command.type === 'stats') report(stats())
  if (command.type !== 'shutdown') return
  await wss.close()
  server.close()
  report(stats())
  process.disconnect?.()
  process.exit(0)
})

server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => report({ type: 'ready', port: (server.address() as AddressInfo).port }))
