import type { AddressInfo } from 'node:net'
import type { ConformanceHost } from '@wsbridge/conformance'
import express from 'express'
import { createExpressWebSocketServer } from '../src/index.js'

/** An Express app with GET /health, mounted with `wss.attach(app.listen(0, '127.0.0.1'))`. */
export const expressHost: ConformanceHost = {
  name: 'express',
  capabilities: { httpRoutes: true },
  async start(routes, options) {
    const app = express()
    app.get('/health', (_request, response) => void response.type('text/plain').send('ok'))
    const wss = createExpressWebSocketServer(routes, options)
    const server = wss.attach(app.listen(0, '127.0.0.1'))
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve)
      server.once('error', reject)
    })
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
