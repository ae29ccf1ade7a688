// The vite plugin seed's "Game Server" on wsbridge, grown into a real game: a lobby room everyone
// joins on connect, create/join game rooms, typed inputs, and state the server ticks and publishes.
import { defineRoute, WsError, type Connection } from '@wsbridge/core'
import { type Games, LOBBY } from './games.js'
import {
  CreateGame,
  GameAction,
  GameEntered,
  GameServerMessage,
  JoinGame,
  LeaveGame,
  type GameJoinedReply,
  type GameState,
} from './protocol.js'
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

/** Puts the connection in `game`'s room. The caller sends the join first, then the game's state. */
function enter(connection: GameConnection, game: GameSession, joined: Omit<GameJoinedReply, 'gameId'>): GameJoinedReply {
  connection.context.gameId = game.id
  connection.joinRoom(game.id)
  return { gameId: game.id, ...joined }
}

/** The first frame comes with the join, rather than up to a tick later: a page draws the board at once. */
const stateOf = (games: Games, joined: GameJoinedReply): GameState | undefined => games.get(joined.gameId)?.state()

function createGame(games: Games, connection: GameConnection, name: string): GameJoinedReply {
  leaveGame(games, connection, 'leave')
  const game = games.create(`${name}'s game`)
  const { token, snakeId } = game.join(connection.id, name)
  const joined = enter(connection, game, { role: 'player', snakeId, token, rejoined: false })
  games.announce()
  return joined
}

/**
 * Joins (or, with a live token, rejoins) a game. Rooms are only joined through the registry, so a
 * client cannot listen in on the lobby of another route or on a room that is not a game.
 */
function joinGame(games: Games, connection: GameConnection, { gameId, as, name, token }: JoinGame): GameJoinedReply | undefined {
  const game = games.get(gameId)
  if (!game) return undefined
  if (connection.context.gameId !== gameId) leaveGame(games, connection, 'leave')
  const snakeId = token === undefined ? undefined : game.rejoin(connection.id, token)
  if (snakeId) return enter(connection, game, { role: 'player', snakeId, token, rejoined: true })
  let joined: GameJoinedReply
  if (as === 'spectator') {
    game.watch(connection.id)
    joined = enter(connection, game, { role: 'spectator', rejoined: false })
  } else {
    const player = game.join(connection.id, name)
    joined = enter(connection, game, { role: 'player', ...player, rejoined: false })
    connection.broadcast({ type: 'player-joined', gameId, playerId: player.snakeId, name }, { rooms: [gameId] })
  }
  games.announce()
  return joined
}

/** A join as the requests' reply: with the game's state. */
function entered(games: Games, joined: GameJoinedReply): GameJoinedReply & { state: GameState } {
  const state = stateOf(games, joined)
  return state ? { ...joined, state } : gone(joined.gameId)
}

/** The typed error the page shows: the game ended (or never existed). */
function gone(gameId: string): never {
  throw new WsError('FORBIDDEN', `Game ${gameId} is over`)
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
      // A player who drops for a moment gets the room's messages they missed (others' turns,
      // joins, leaves) when their rejoin puts them back in the room; 15 s is the grace period.
      resume: { buffer: 128, maxAge: 15_000 },
      requests: {
        createGame: {
          input: CreateGame,
          output: GameEntered,
          handler: ({ name }, connection) => entered(games, createGame(games, connection, name)),
        },
        joinGame: {
          input: JoinGame,
          output: GameEntered,
          handler: (input, connection) => entered(games, joinGame(games, connection, input) ?? gone(input.gameId)),
        },
      },
      messages: {
        // The seed's messages. The page asks with the requests below; its rejoin after a reconnect
        // sends `join-game`, because it runs before the send queue, which requests go through.
        'create-game': {
          schema: CreateGame,
          handler: ({ name }, connection) => {
            const joined = createGame(games, connection, name)
            connection.send({ type: 'game-created', gameId: joined.gameId })
            connection.send({ type: 'game-joined', ...joined })
            const state = stateOf(games, joined)
            if (state) connection.send(state)
          },
        },
        'join-game': {
          schema: JoinGame,
          handler: (input, connection) => {
            const joined = joinGame(games, connection, input)
            if (!joined) return void connection.send({ type: 'game-gone', gameId: input.gameId })
            connection.send({ type: 'game-joined', ...joined })
            const state = stateOf(games, joined)
            if (state) connection.send(state)
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
