import type { Server } from 'node:http'
import { closeOnSignal as kitCloseOnSignal, listenNode as kitListenNode, urlHost } from '@wsbridge/app-kit/serve'
import { createBridge, type Bridge } from '@wsbridge/core'
import { Games, gamesOptions, type GamesOptions } from '../games.js'
import { gameRoutes, type GameRoutes } from '../routes.js'
import { loadPage, type Page } from './page.js'
import { publishGames } from './publish-games.js'

/** What every host needs before it starts its runtime's server. */
export interface GameSetup {
  readonly games: Games
  readonly bridge: Bridge<GameRoutes>
  readonly page: Page
}

/** The one place the game's bridge is wired: routes under `/api`, game state published to each game's room. */
export async function setupGame(options: GamesOptions = {}): Promise<GameSetup> {
  const games = new Games(options)
  const bridge = createBridge(gameRoutes(games), { prefix: '/api' })
  publishGames(games, bridge)
  return { games, bridge, page: await loadPage() }
}

/** Host settings from the environment: PORT (3000), LISTEN_HOST (127.0.0.1), GRACE_MS. */
export function readEnv(env: Record<string, string | undefined>): { port: number; hostname: string; options: GamesOptions } {
  return { port: Number(env['PORT'] ?? 3000), hostname: env['LISTEN_HOST'] || '127.0.0.1', options: gamesOptions(env['GRACE_MS']) }
}

/** The line people (and the browser tests) read to find the server. */
export function announce(host: string, hostname: string, port: number): void {
  console.log(`[game] ${host} listening on http://${urlHost(hostname)}:${port}/`)
}

/** Ctrl-C / SIGTERM: the clock stops, every socket gets 1001, then the HTTP server stops. */
export function closeOnSignal(setup: GameSetup, stopServer: () => unknown): void {
  kitCloseOnSignal(() => shutdown(setup), stopServer)
}

/** Listens with a Node HTTP server (plain, Express or Hono's), announces it and wires graceful shutdown. */
export function listenNode(host: string, server: Server, setup: GameSetup, port: number, hostname: string): void {
  kitListenNode(
    'game',
    server,
    port,
    hostname,
    (listening) => announce(host, hostname, listening),
    () => shutdown(setup),
  )
}

function shutdown(setup: GameSetup): Promise<void> {
  setup.games.stop()
  return setup.bridge.close({ timeout: 2000 })
}
