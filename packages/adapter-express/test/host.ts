import { httpServerInstance, type HostListen } from '@wsbridge/conformance'
import { serveFixture } from '@wsbridge/conformance/fixture'
import express from 'express'
import { createExpressWebSocketServer } from '../src/index.js'

/** An Express app with GET /health and a catch-all answering `app`, mounted with `wss.attach(app.listen(port, '127.0.0.1'))`. */
const listen: HostListen = async (routes, options, port) => {
  const app = express()
  app.get('/health', (_request, response) => void response.type('text/plain').send('ok'))
  app.use((_request, response) => void response.type('text/plain').send('app'))
  const wss = createExpressWebSocketServer(routes, options)
  const server = wss.attach(app.listen(port, '127.0.0.1'))
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  return httpServerInstance(server, wss)
}

// The conformance host process (conformance.test.ts runs it).
await serveFixture(listen)
