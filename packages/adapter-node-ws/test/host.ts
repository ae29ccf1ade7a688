import { createServer } from 'node:http'
import { httpServerInstance, listenHost } from '@wsbridge/conformance'
import { createNodeWebSocketServer } from '../src/index.js'

/** node:http with GET /health and a catch-all answering `app`, plus the adapter in attach mode, on 127.0.0.1 (port 0 the first time). */
export const nodeWsHost = listenHost({
  name: 'node-ws',
  capabilities: { httpRoutes: true, fallbackRoute: true, fragmentLimit: true, rawRequestTarget: true },
  async listen(routes, options, port) {
    const server = createServer((request, response) => {
      if (request.url === '/health') response.end('ok')
      else response.end('app')
    })
    const wss = createNodeWebSocketServer(routes, options)
    wss.attach(server)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', resolve)
    })
    return httpServerInstance(server, wss)
  },
})
