import type { Server } from 'node:http'
import { createExpressWebSocketServer } from '@wsbridge/adapter-express'
import express from 'express'
import { routes } from './routes.js'

const indexHtml = new URL('../public/index.html', import.meta.url).pathname
const styleCss = new URL('../public/style.css', import.meta.url).pathname

/** Starts the tutorial's Express server on `port` (0 picks a free one) and resolves once it listens. */
export function startEchoServer(port: number, hostname = '127.0.0.1'): Promise<Server> {
  // Express
  const app = express()
  app.get('/', (_request, response) => response.sendFile(indexHtml))
  app.get('/style.css', (_request, response) => response.sendFile(styleCss))
  const server = app.listen(port, hostname)

  // For WebSocket support in Express, handle the upgrade: the tutorial's own form, unchanged.
  const wss = createExpressWebSocketServer(routes, { prefix: '/api' })

  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => {
      wss.emit('connection', ws, request)
    })
  })

  return new Promise((resolve, reject) => {
    server.once('listening', () => resolve(server))
    server.once('error', reject)
  })
}
