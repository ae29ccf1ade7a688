import type { GameServerMessage, GameSummary } from './protocol.js'
import { GameSession } from './session.js'

export const LOBBY = 'lobby'

export interface GamesOptions {
  /** Milliseconds between ticks: the simulation's fixed rate. */
  readonly tickMs?: number
  /** How long a player who went away keeps their snake. */
  readonly graceMs?: number
}

/** GRACE_MS as the hosts read it (environment, or a Worker binding): a positive number of ms, else the default. */
export function gamesOptions(graceMs: string | undefined): GamesOptions {
  const grace = Number(graceMs)
  return Number.isFinite(grace) && grace > 0 ? { graceMs: grace } : {}
}

/** Where the registry's messages go: a room of the game route (a game id, or LOBBY). */
export type Publish = (room: string, message: GameServerMessage) => void

/**
 * The open games on this instance and the one clock that ticks them. The clock runs only while a
 * game exists, so an idle server (or a test's) holds no timer.
 */
export class Games {
  readonly #games = new Map<string, GameSession>()
  readonly tickMs: number
  readonly graceMs: number
  #publish: Publish = () => {}
  #clock: ReturnType<typeof setInterval> | undefined

  constructor(options: GamesOptions = {}) {
    this.tickMs = options.tickMs ?? 140
    this.graceMs = options.graceMs ?? 15_000
  }

  /** Set once the bridge exists (the bridge needs the routes, which need this registry). */
  publishWith(publish: Publish): void {
    this.#publish = publish
  }

  create(name: string): GameSession {
    // 8 characters of a random UUID: unguessable enough for a demo, short enough to read out.
    let id: string
    do id = crypto.randomUUID().replace(/-/g, '').slice(0, 8)
    while (this.#games.has(id))
    const game = new GameSession(id, name)
    this.#games.set(id, game)
    this.#clock ??= setInterval(() => this.tick(), this.tickMs)
    return game
  }

  get(gameId: string): GameSession | undefined {
    return this.#games.get(gameId)
  }

  list(): GameSummary[] {
    return [...this.#games.values()].map((game) => game.summary())
  }

  /** Tells the lobby what is open now. */
  announce(): void {
    this.#publish(LOBBY, { type: 'games', games: this.list() })
  }

  /** Steps every game, publishes its state to its room, and closes games nobody plays any more. */
  tick(now = Date.now()): void {
    let changed = false
    for (const game of this.#games.values()) {
      const expired = game.tick(now, this.graceMs)
      for (const playerId of expired) this.#publish(game.id, { type: 'player-left', gameId: game.id, playerId })
      if (game.over) {
        this.close(game.id)
        changed = true
      } else {
        this.#publish(game.id, game.state())
      }
      changed ||= expired.length > 0
    }
    if (changed) this.announce()
  }

  close(gameId: string): void {
    if (!this.#games.delete(gameId)) return
    this.#publish(gameId, { type: 'game-gone', gameId })
    if (this.#games.size === 0 && this.#clock) {
      clearInterval(this.#clock)
      this.#clock = undefined
    }
  }

  /** Stops the clock (server shutdown). */
  stop(): void {
    for (const id of [...this.#games.keys()]) this.close(id)
  }
}
