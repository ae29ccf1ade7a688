import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { createNodeWebSocketServer, type NodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import { routes } from './routes.js'

export interface GameServer {
  readonly http: Server
  readonly sockets: NodeWebSocketServer<typeof routes>
  close(): Promise<void>
}

/** The game on a plain node:http server: the page at `/`, the socket at `/api/ws/game`. */
export async function startGameServer(port: number, hostname = '127.0.0.1'): Promise<GameServer> {
  const page = await readFile(new URL('../public/index.html', import.meta.url), 'utf8')
  const http = createServer((request, response) => {
    if (request.method === 'GET' && (request.url === '/' || request.url === '/index.html')) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page)
    } else {
      response.writeHead(404).end('Not Found')
    }
  })
  const sockets = createNodeWebSocketServer(routes, { prefix: '/api' })
  sockets.attach(http)
  await new Promise<void>((resolve, reject) => http.once('error', reject).listen(port, hostname, resolve))
  return {
    http,
    sockets,
    async close() {
      await sockets.close() // 1001 to every player, onClose runs for each
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
