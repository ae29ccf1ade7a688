// The vite plugin seed's "Game Server" example on wsbridge: a lobby room everyone joins on
// connect, create/join game, and game actions broadcast to the game's room (sender included).
import { defineRoute, type Connection } from '@wsbridge/core'
import type { InferInput } from 'valibot'
import { Games } from './games.js'
import { CreateGame, GameAction, GameServerMessage, JoinGame } from './protocol.js'

const LOBBY = 'lobby'
const games = new Games()

type GameConnection = Connection<
  InferInput<typeof GameServerMessage>,
  Readonly<Record<string, string | undefined>>,
  undefined,
  Record<string, unknown>
>

function announceGames(connection: GameConnection): void {
  connection.broadcast({ type: 'games', games: games.ids() }, { rooms: LOBBY, includeSelf: true })
}

function enterGame(connection: GameConnection, gameId: string): void {
  const players = games.join(gameId, connection.id)
  connection.joinRoom(gameId)
  connection.send({ type: 'game-joined', gameId, players })
  connection.broadcast({ type: 'player-joined', gameId, playerId: connection.id }, { rooms: [gameId] })
}

export const routes = {
  game: defineRoute({
    kind: 'ws',
    path: '/ws/game',
    output: GameServerMessage,
    // The seed's `heartbeat: 10000`: the server pings every 10 s and drops peers that stop answering.
    limits: { heartbeat: 10_000 },
    messages: {
      'create-game': {
        schema: CreateGame,
        handler: (_data, connection) => {
          const gameId = games.create()
          connection.send({ type: 'game-created', gameId })
          enterGame(connection, gameId)
          announceGames(connection)
        },
      },
      'join-game': {
        schema: JoinGame,
        handler: ({ gameId }, connection) => {
          // Rooms are only joined through the registry, so a client cannot listen in on `lobby`
          // traffic of another route or on a room that is not a game.
          if (!games.has(gameId)) return void connection.send({ type: 'notice', text: `No game ${gameId}` })
          if (!connection.rooms.has(gameId)) enterGame(connection, gameId)
        },
      },
      'game-action': {
        schema: GameAction,
        handler: ({ gameId, action }, connection) => {
          if (!connection.rooms.has(gameId)) return void connection.send({ type: 'notice', text: `Join ${gameId} first` })
          connection.broadcast({ type: 'game-update', gameId, playerId: connection.id, action }, { rooms: [gameId], includeSelf: true })
        },
      },
    },
    handler: {
      onOpen: (connection) => {
        connection.joinRoom(LOBBY)
        connection.send({ type: 'joined-lobby', playerId: connection.id, games: games.ids() })
      },
      onClose: (connection) => {
        // The connection has already left its rooms; tell the players it shared a game with.
        const { left, closed } = games.leaveAll(connection.id)
        for (const gameId of left) connection.broadcast({ type: 'player-left', gameId, playerId: connection.id }, { rooms: [gameId] })
        if (closed.length > 0) announceGames(connection)
      },
    },
  }),
}
