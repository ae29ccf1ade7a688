// The game's Worker for workerd, bundled by src/workerd.ts. One Durable Object holds the arena:
// every game, every player's socket, and the clock.
//
// The clock is the object's own setInterval (Games starts it with the first game and stops it
// with the last), not its alarm. A tick every 140 ms through setAlarm would be a storage write
// per tick, and the adapter already runs its heartbeat and idle deadlines on the alarm. A pending
// timer keeps the object in memory, which a running game needs anyway: the world lives in memory.
// With no game left the clock stops and the object may hibernate; the sockets survive that
// (Hibernation API), and the lobby simply lists no games when it wakes.
import { createDurableObjectWebSocket, type DurableObjectStateLike } from '@wsbridge/adapter-cloudflare'
import { type SampleEnv, sampleWorker, WebSocketObject } from '@wsbridge/app-kit/websocket-object'
import { Games, gamesOptions } from '../games.js'
import { gameRoutes } from '../routes.js'
import { publishGames } from './publish-games.js'

/** The bindings src/workerd.ts gives the Worker. */
interface Env extends SampleEnv<'GAME'> {
  /** How long a player who went away keeps their snake (ms); empty for the default. */
  readonly GRACE_MS: string
}

export default sampleWorker('GAME', 'arena')

/** The Durable Object holding the games and the bridge. */
export class GameObject extends WebSocketObject {
  constructor(state: DurableObjectStateLike, env: Env) {
    const games = new Games(gamesOptions(env.GRACE_MS))
    const ws = createDurableObjectWebSocket(gameRoutes(games), state, { prefix: '/api' })
    publishGames(games, ws.bridge)
    super(ws)
  }
}
