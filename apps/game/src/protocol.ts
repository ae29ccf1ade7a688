import * as v from 'valibot'

// Client → server messages, by `type`: the vite plugin seed's `create-game`, `join-game` and
// `game-action`, now typed, plus `leave-game`.
export const GameId = v.pipe(v.string(), v.regex(/^[a-z0-9]{8}$/, 'A game id is 8 lowercase letters or digits'))
export const PlayerName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(16))
/** The secret a player gets on joining; presenting it again within the grace period returns their snake. */
export const PlayerToken = v.pipe(v.string(), v.regex(/^[a-f0-9]{32}$/, 'A player token is 32 hex digits'))
export const Direction = v.picklist(['up', 'down', 'left', 'right'])

export const CreateGame = v.object({ name: PlayerName })
export const JoinGame = v.object({
  gameId: GameId,
  /** Play as a new snake (default), or watch. */
  as: v.optional(v.picklist(['player', 'spectator']), 'player'),
  name: v.optional(PlayerName, 'player'),
  /** A token from an earlier `game-joined`: rejoin as that snake if it is still in the game. */
  token: v.optional(PlayerToken),
})
/** A player's input. `turn` steers the snake from the next tick on. */
export const GameAction = v.object({
  gameId: GameId,
  action: v.variant('kind', [v.object({ kind: v.literal('turn'), dir: Direction })]),
})
export const LeaveGame = v.object({ gameId: GameId })
export type JoinGame = v.InferOutput<typeof JoinGame>

/** The reply to `createGame` and `joinGame` (and, as `game-joined`, to the seed's messages). */
export const GameJoined = v.object({
  gameId: v.string(),
  role: v.picklist(['player', 'spectator']),
  snakeId: v.optional(v.string()),
  /** A player's secret: presenting it again within the grace period returns their snake. */
  token: v.optional(v.string()),
  rejoined: v.boolean(),
})
export type GameJoinedReply = v.InferOutput<typeof GameJoined>

const Cell = v.tuple([v.number(), v.number()])
export const GameSummary = v.object({ id: v.string(), name: v.string(), players: v.number(), spectators: v.number() })
export const SnakeView = v.object({
  id: v.string(),
  name: v.string(),
  color: v.number(),
  body: v.array(Cell),
  heading: Direction,
  score: v.number(),
  /** False while the player is away (reloading, offline) but within the grace period. */
  connected: v.boolean(),
})

/** The server's state after each tick, published to the game's room. */
export const GameStateMessage = v.object({
  type: v.literal('state'),
  gameId: v.string(),
  tick: v.number(),
  width: v.number(),
  height: v.number(),
  snakes: v.array(SnakeView),
  food: v.array(Cell),
})

/** The reply to `createGame` and `joinGame`: the join, and the game's state to draw at once. */
export const GameEntered = v.object({ ...GameJoined.entries, state: GameStateMessage })

/** Server → client messages. */
export const GameServerMessage = v.variant('type', [
  v.object({ type: v.literal('joined-lobby'), playerId: v.string(), games: v.array(GameSummary) }),
  v.object({ type: v.literal('games'), games: v.array(GameSummary) }),
  v.object({ type: v.literal('game-created'), gameId: v.string() }),
  v.object({ type: v.literal('game-joined'), ...GameJoined.entries }),
  /** The game asked for is over (or never existed): forget it. */
  v.object({ type: v.literal('game-gone'), gameId: v.string() }),
  v.object({ type: v.literal('player-joined'), gameId: v.string(), playerId: v.string(), name: v.string() }),
  v.object({ type: v.literal('player-left'), gameId: v.string(), playerId: v.string() }),
  /** The seed's `game-update`: an accepted input, to the whole room, sender included. */
  v.object({
    type: v.literal('game-update'),
    gameId: v.string(),
    playerId: v.string(),
    action: v.object({ kind: v.literal('turn'), dir: Direction }),
  }),
  GameStateMessage,
  v.object({ type: v.literal('notice'), text: v.string() }),
])

export type GameServerMessage = v.InferOutput<typeof GameServerMessage>
export type GameSummary = v.InferOutput<typeof GameSummary>
export type GameState = Extract<GameServerMessage, { type: 'state' }>
