import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ConformanceHost } from '@wsbridge/conformance'
import { createNodeWebSocketServer } from '../src/index.js'

/** node:http server with GET /health plus the adapter in attach mode, on 127.0.0.1 and an ephemeral port. */
export const nodeWsHost: ConformanceHost = {
  name: 'node-ws',
  capabilities: { httpRoutes: true },
  async start(routes, options) {
    const server = createServer((request, response) => {
      if (request.url === '/health') response.end('ok')
      else response.writeHead(404).end('not found')
    })
    const wss = createNodeWebSocketServer(routes, options)
    wss.attach(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    return {
      wsUrl: `ws://127.0.0.1:${port}`,
      httpUrl: `http://127.0.0.1:${port}`,
      bridge: wss.bridge,
      async close() {
        await wss.close()
        server.closeAllConnections()
        await new Promise<void>((resolve) => server.close(() => resolve()))
      },
    }
  },
}
