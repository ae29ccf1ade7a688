import { setupBridge, WsError } from '@wsbridge/core/client'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { useGameServer } from './support/game-server.js'
import type { GameRoutes } from '../src/routes.js'

const game = useGameServer()

const connect = () =>
  setupBridge<GameRoutes>({ baseUrl: game.baseUrl, paths: { game: '/ws/game' }, WebSocket }).$ws.game({}, { onMessage: () => {} })

describe('the lobby actions as typed requests', () => {
  it('createGame and joinGame reply with the join and the first frame; the game lists both players', async () => {
    const [alice, bob] = [connect(), connect()]
    const created = await alice.request('createGame', { name: 'alice' })
    expect(created).toMatchObject({ role: 'player', rejoined: false, token: expect.stringMatching(/^[a-f0-9]{32}$/) })
    expect(created.state).toMatchObject({ type: 'state', gameId: created.gameId })
    expect(created.state.snakes.map((snake) => snake.id)).toContain(created.snakeId)

    const joined = await bob.request('joinGame', { gameId: created.gameId, name: 'bob' })
    expect(joined).toMatchObject({ gameId: created.gameId, role: 'player', rejoined: false })
    expect(joined.snakeId).not.toBe(created.snakeId)
    expect(game.server.games.get(created.gameId)?.summary()).toMatchObject({ players: 2, spectators: 0 })

    // The token rejoins the same snake over the request too.
    const again = await bob.request('joinGame', { gameId: created.gameId, token: joined.token ?? '' })
    expect(again).toMatchObject({ snakeId: joined.snakeId, rejoined: true })
    alice.close()
    bob.close()
  })

  it('rejects a join of a game that is over with FORBIDDEN, and a malformed id with VALIDATION_FAILED', async () => {
    const carol = connect()
    const gone = await carol.request('joinGame', { gameId: 'aaaaaaaa' }).catch((error: unknown) => error)
    expect(gone).toBeInstanceOf(WsError)
    expect(gone).toMatchObject({ code: 'FORBIDDEN', message: 'Game aaaaaaaa is over' })
    const bad = await carol.request('joinGame', { gameId: 'NOT-AN-ID' }).catch((error: unknown) => error)
    expect(bad).toMatchObject({ code: 'VALIDATION_FAILED' })
    expect((bad as WsError).issues?.[0]?.path).toEqual(['gameId'])
    carol.close()
  })
})
