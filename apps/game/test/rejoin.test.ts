import { type ServerMessageOf, setupBridge } from '@wsbridge/core/client'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { useGameServer } from './support/game-server.js'
import { rejoinOnRestore } from '../src/client/rejoin.js'
import type { SavedGame } from '../src/client/session.js'
import type { GameRoutes } from '../src/routes.js'

type ServerMessage = ServerMessageOf<GameRoutes['game']>

const game = useGameServer()

/**
 * The page's connection, in Node: the real client with the page's onRestore. `remember: false`
 * forgets the saved game, as a page without the rejoin would.
 */
function pageConnection(remember: boolean) {
  const sockets: WebSocket[] = []
  // Every socket the client opens, so the test can drop one the way a network would.
  class Tracked extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args)
      sockets.push(this)
    }
  }
  let saved: SavedGame | undefined
  const received: ServerMessage[] = []
  const waiters: (() => void)[] = []
  let offline: (() => void) | undefined
  const rejoin = rejoinOnRestore(
    () => (remember ? saved : undefined),
    () => 'node',
  )
  const { $ws } = setupBridge<GameRoutes>({
    baseUrl: game.baseUrl,
    paths: { game: '/ws/game' },
    WebSocket: Tracked,
    reconnect: { initialDelay: 50 },
  })
  const connection = $ws.game(
    {},
    {
      onRestore: rejoin.onRestore,
      onStateChange: (state) => {
        if (state === 'reconnecting') offline?.()
      },
      onMessage: (message) => {
        received.push(message)
        if (message.type === 'game-joined') {
          saved = { gameId: message.gameId, role: message.role, token: message.token }
          rejoin.answered()
        }
        for (const wake of waiters.splice(0)) wake()
      },
    },
  )
  const next = async <T extends ServerMessage['type']>(type: T, after = 0): Promise<Extract<ServerMessage, { type: T }>> => {
    for (;;) {
      const found = received.slice(after).find((m) => m.type === type)
      if (found) return found as Extract<ServerMessage, { type: T }>
      await new Promise<void>((wake) => waiters.push(wake))
    }
  }
  /** Drops the current socket the way a network does (no close frame); resolves once the client noticed. */
  const drop = (): Promise<void> =>
    new Promise((resolve) => {
      offline = resolve
      sockets.at(-1)?.terminate()
    })
  return { connection, sockets, received, next, drop }
}

describe('rejoining a running game after the connection drops (the page’s onRestore)', () => {
  it.each([
    [true, 'steers the same snake with the input queued while offline'],
    [false, 'without the rejoin, the queued input reaches a socket that plays nothing'],
  ] as const)('remember=%s: %s', async (remember: boolean, _what: string) => {
    const page = pageConnection(remember)
    page.connection.send({ type: 'create-game', name: 'node' })
    const joined = await page.next('game-joined')
    const gameId = joined.gameId

    await page.drop()
    // Sent while the client reconnects (the timer cannot fire before this line), so it is queued.
    expect(page.connection.readyState).not.toBe(WebSocket.OPEN)
    const mark = page.received.length
    page.connection.send({ type: 'game-action', gameId, action: { kind: 'turn', dir: 'up' } }) // queued

    if (remember) {
      const update = await page.next('game-update', mark)
      expect(update.playerId).toBe(joined.snakeId)
      const rejoined = await page.next('game-joined', mark)
      expect(rejoined).toMatchObject({ gameId, snakeId: joined.snakeId, rejoined: true })
      expect(page.received.slice(mark).some((m) => m.type === 'notice')).toBe(false)
    } else {
      expect(await page.next('notice', mark)).toEqual({ type: 'notice', text: `You are not playing in ${gameId}` })
    }
    expect(page.sockets.length).toBe(2)
    page.connection.close()
  })
})
