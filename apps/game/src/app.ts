import { createServer, type Server } from 'node:http'
import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import type { Games, GamesOptions } from './games.js'
import { servePage } from './server/page.js'
import { setupGame } from './server/setup.js'

export interface GameServer {
  readonly http: Server
  readonly games: Games
  close(): Promise<void>
}

/** The game on a plain node:http server with Node's `ws`: the page at `/`, the socket at `/api/ws/game`. */
export async function startGameServer(port: number, hostname = '127.0.0.1', options: GamesOptions = {}): Promise<GameServer> {
  const setup = await setupGame(options)
  const http = createServer((request, response) => {
    if (!servePage(setup.page, request, response)) response.writeHead(404).end('Not Found')
  })
  createNodeWebSocketServer(setup.bridge).attach(http)
  await new Promise<void>((resolve, reject) => http.once('error', reject).listen(port, hostname, resolve))
  return {
    http,
    games: setup.games,
    async close() {
      setup.games.stop()
      await setup.bridge.close({ timeout: 2000 }) // 1001 to every player, onClose runs for each
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
