import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Bridge, BridgeOptions, Routes } from '@wsbridge/core'
import type { ConformanceHost } from '@wsbridge/conformance'
import { createNodeWebSocketServer, type NodeWebSocketServer } from '../src/index.js'

interface Instance {
  readonly server: Server
  readonly wss: NodeWebSocketServer
}

/** node:http with GET /health plus the adapter in attach mode, on 127.0.0.1 (port 0 the first time). */
async function listen(routes: Routes, options: BridgeOptions, port: number): Promise<Instance> {
  const server = createServer((request, response) => {
    if (request.url === '/health') response.end('ok')
    else response.writeHead(404).end('not found')
  })
  const wss = createNodeWebSocketServer(routes, options)
  wss.attach(server)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  return { server, wss }
}

/** Stops an instance. `crash` drops every socket without a close frame, as a dying process would. */
async function stop({ server, wss }: Instance, crash: boolean): Promise<void> {
  if (crash) for (const connection of wss.bridge.connections) connection.terminate()
  await wss.close()
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}

export const nodeWsHost: ConformanceHost = {
  name: 'node-ws',
  capabilities: { httpRoutes: true, restart: true },
  async start(routes, options) {
    let current = await listen(routes, options, 0)
    const { port } = current.server.address() as AddressInfo
    return {
      wsUrl: `ws://127.0.0.1:${port}`,
      httpUrl: `http://127.0.0.1:${port}`,
      get bridge(): Bridge {
        return current.wss.bridge
      },
      close: () => stop(current, false),
      async restart() {
        await stop(current, true)
        current = await listen(routes, options, port)
      },
    }
  },
}
