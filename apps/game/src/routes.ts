// The vite plugin seed's "Game Server" on wsbridge, grown into a real game: a lobby room everyone
// joins on connect, create/join game rooms, typed inputs, and state the server ticks and publishes.
import { defineRoute, type Connection } from '@wsbridge/core'
import { type Games, LOBBY } from './games.js'
import { CreateGame, GameAction, GameServerMessage, JoinGame, LeaveGame } from './protocol.js'
import type { GameSession } from './session.js'

/** The one game a connection is in (a page plays or watches one game at a time). */
export interface GameContext {
  gameId: string | undefined
}

type GameConnection = Connection<GameServerMessage, Readonly<Record<string, string | undefined>>, undefined, GameContext>

/** Leaves the connection's current game, if any: on purpose (`leave`) or by going away. */
function leaveGame(games: Games, connection: GameConnection, how: 'leave' | 'disconnect'): void {
  const game = connection.context.gameId ? games.get(connection.context.gameId) : undefined
  connection.context.gameId = undefined
  if (!game) return
  connection.leaveRoom(game.id)
  if (how === 'disconnect') return void game.disconnect(connection.id, Date.now())
  const snakeId = game.leave(connection.id)
  if (snakeId) connection.broadcast({ type: 'player-left', gameId: game.id, playerId: snakeId }, { rooms: [game.id] })
  games.announce()
}

function enter(
  connection: GameConnection,
  game: GameSession,
  joined: Omit<Extract<GameServerMessage, { type: 'game-joined' }>, 'type' | 'gameId'>,
): void {
  connection.context.gameId = game.id
  connection.joinRoom(game.id)
  connection.send({ type: 'game-joined', gameId: game.id, ...joined })
  // The first frame now, rather than up to a tick later: a page draws the board at once.
  connection.send(game.state())
}

export function gameRoutes(games: Games) {
  return {
    game: defineRoute({
      kind: 'ws',
      path: '/ws/game',
      output: GameServerMessage,
      // The seed's `heartbeat: 10000`: the server pings every 10 s and drops peers that stop answering.
      limits: { heartbeat: 10_000 },
      context: (): GameContext => ({ gameId: undefined }),
      messages: {
        'create-game': {
          schema: CreateGame,
          handler: ({ name }, connection) => {
            leaveGame(games, connection, 'leave')
            const game = games.create(`${name}'s game`)
            const { token, snakeId } = game.join(connection.id, name)
            connection.send({ type: 'game-created', gameId: game.id })
            enter(connection, game, { role: 'player', snakeId, token, rejoined: false })
            games.announce()
          },
        },
        'join-game': {
          schema: JoinGame,
          handler: ({ gameId, as, name, token }, connection) => {
            // Rooms are only joined through the registry, so a client cannot listen in on the
            // lobby of another route or on a room that is not a game.
            const game = games.get(gameId)
            if (!game) return void connection.send({ type: 'game-gone', gameId })
            if (connection.context.gameId !== gameId) leaveGame(games, connection, 'leave')
            const snakeId = token === undefined ? undefined : game.rejoin(connection.id, token)
            if (snakeId) return enter(connection, game, { role: 'player', snakeId, token, rejoined: true })
            if (as === 'spectator') {
              game.watch(connection.id)
              enter(connection, game, { role: 'spectator', rejoined: false })
            } else {
              const player = game.join(connection.id, name)
              enter(connection, game, { role: 'player', ...player, rejoined: false })
              connection.broadcast({ type: 'player-joined', gameId, playerId: player.snakeId, name }, { rooms: [gameId] })
            }
            games.announce()
          },
        },
        'game-action': {
          schema: GameAction,
          handler: ({ gameId, action }, connection) => {
            const playerId = connection.context.gameId === gameId ? games.get(gameId)?.turn(connection.id, action.dir) : undefined
            if (!playerId) return void connection.send({ type: 'notice', text: `You are not playing in ${gameId}` })
            connection.broadcast({ type: 'game-update', gameId, playerId, action }, { rooms: [gameId], includeSelf: true })
          },
        },
        'leave-game': {
          schema: LeaveGame,
          handler: ({ gameId }, connection) => {
            if (connection.context.gameId === gameId) leaveGame(games, connection, 'leave')
          },
        },
      },
      handler: {
        onOpen: (connection) => {
          connection.joinRoom(LOBBY)
          connection.send({ type: 'joined-lobby', playerId: connection.id, games: games.list() })
        },
        // A player who drops keeps their snake for the grace period; a reload's new socket rejoins.
        onClose: (connection) => leaveGame(games, connection, 'disconnect'),
      },
    }),
  }
}

/** The routes' type, for the browser client: `setupBridge<GameRoutes>(…)` bundles no server code. */
export type GameRoutes = ReturnType<typeof gameRoutes>
