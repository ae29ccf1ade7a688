import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Bridge, BridgeOptions, Routes } from '@wsbridge/core'
import type { ConformanceHost } from '@wsbridge/conformance'
import express from 'express'
import { createExpressWebSocketServer, type ExpressWebSocketServer } from '../src/index.js'

interface Instance {
  readonly server: Server
  readonly wss: ExpressWebSocketServer
}

/** An Express app with GET /health, mounted with `wss.attach(app.listen(port, '127.0.0.1'))`. */
async function listen(routes: Routes, options: BridgeOptions, port: number): Promise<Instance> {
  const app = express()
  app.get('/health', (_request, response) => void response.type('text/plain').send('ok'))
  const wss = createExpressWebSocketServer(routes, options)
  const server = wss.attach(app.listen(port, '127.0.0.1'))
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
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

export const expressHost: ConformanceHost = {
  name: 'express',
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
