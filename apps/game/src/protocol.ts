import * as v from 'valibot'

/** Client → server messages, by `type` (the vite plugin seed's `create-game`, `join-game`, `game-action`). */
export const GameId = v.pipe(v.string(), v.regex(/^[a-z0-9]{8}$/, 'A game id is 8 lowercase letters or digits'))
export const CreateGame = v.object({})
export const JoinGame = v.object({ gameId: GameId })
export const GameAction = v.object({
  gameId: GameId,
  action: v.object({ kind: v.picklist(['move', 'roll', 'chat']), value: v.pipe(v.string(), v.maxLength(200)) }),
})

/** Server → client messages. */
export const GameServerMessage = v.variant('type', [
  v.object({ type: v.literal('joined-lobby'), playerId: v.string(), games: v.array(v.string()) }),
  v.object({ type: v.literal('games'), games: v.array(v.string()) }),
  v.object({ type: v.literal('game-created'), gameId: v.string() }),
  v.object({ type: v.literal('game-joined'), gameId: v.string(), players: v.array(v.string()) }),
  v.object({ type: v.literal('player-joined'), gameId: v.string(), playerId: v.string() }),
  v.object({ type: v.literal('player-left'), gameId: v.string(), playerId: v.string() }),
  v.object({
    type: v.literal('game-update'),
    gameId: v.string(),
    playerId: v.string(),
    action: v.object({ kind: v.string(), value: v.string() }),
  }),
  v.object({ type: v.literal('notice'), text: v.string() }),
])
