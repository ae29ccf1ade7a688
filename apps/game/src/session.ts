import { addSnake, createWorld, type Direction, removeSnake, step, turn, type World } from './sim/world.js'
import type { GameState, GameSummary } from './protocol.js'

export const BOARD = { width: 24, height: 16 } as const

interface Player {
  readonly snakeId: string
  readonly name: string
  /** The connection controlling the snake; undefined while the player is away. */
  connectionId: string | undefined
  /** When the player went away (ms), for the grace period. */
  awaySince: number
}

const randomHex = (bytes: number): string =>
  [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('')

/** One running game: its world, who plays which snake (by secret token), and who watches. */
export class GameSession {
  #world: World
  readonly #players = new Map<string, Player>()
  readonly #spectators = new Set<string>()

  readonly id: string
  readonly name: string

  constructor(id: string, name: string) {
    this.id = id
    this.name = name
    this.#world = createWorld(BOARD.width, BOARD.height, Number.parseInt(randomHex(4), 16))
  }

  /** A new snake for `connectionId`; returns the token that gets it back later. */
  join(connectionId: string, name: string): { token: string; snakeId: string } {
    this.#spectators.delete(connectionId) // a spectator who starts playing stops counting as one
    const token = randomHex(16)
    const snakeId = randomHex(4)
    this.#players.set(token, { snakeId, name, connectionId, awaySince: 0 })
    this.#world = addSnake(this.#world, snakeId, name)
    return { token, snakeId }
  }

  /** Hands the token's snake to `connectionId`, or returns undefined if it is gone. */
  rejoin(connectionId: string, token: string): string | undefined {
    const player = this.#players.get(token)
    if (!player) return undefined
    player.connectionId = connectionId
    return player.snakeId
  }

  watch(connectionId: string): void {
    this.#spectators.add(connectionId)
  }

  /** The snake `connectionId` steers here, if any. */
  snakeOf(connectionId: string): string | undefined {
    for (const player of this.#players.values()) if (player.connectionId === connectionId) return player.snakeId
    return undefined
  }

  turn(connectionId: string, direction: Direction): string | undefined {
    const snakeId = this.snakeOf(connectionId)
    if (snakeId) this.#world = turn(this.#world, snakeId, direction)
    return snakeId
  }

  /** The connection went away: a player keeps their snake for the grace period, a spectator is gone. */
  disconnect(connectionId: string, now: number): void {
    this.#spectators.delete(connectionId)
    for (const player of this.#players.values()) {
      if (player.connectionId !== connectionId) continue
      player.connectionId = undefined
      player.awaySince = now
    }
  }

  /** Leaving on purpose: the snake goes at once. Returns its id. */
  leave(connectionId: string): string | undefined {
    this.#spectators.delete(connectionId)
    for (const [token, player] of this.#players) {
      if (player.connectionId !== connectionId) continue
      this.#players.delete(token)
      this.#world = removeSnake(this.#world, player.snakeId)
      return player.snakeId
    }
    return undefined
  }

  /** One tick; players away longer than `graceMs` lose their snake. Returns the ids of those removed. */
  tick(now: number, graceMs: number): string[] {
    const expired: string[] = []
    for (const [token, player] of this.#players) {
      if (player.connectionId !== undefined || now - player.awaySince < graceMs) continue
      this.#players.delete(token)
      this.#world = removeSnake(this.#world, player.snakeId)
      expired.push(player.snakeId)
    }
    this.#world = step(this.#world)
    return expired
  }

  /** Over once nobody plays any more (spectators alone do not keep a game going). */
  get over(): boolean {
    return this.#players.size === 0
  }

  summary(): GameSummary {
    return { id: this.id, name: this.name, players: this.#players.size, spectators: this.#spectators.size }
  }

  state(): GameState {
    const away = new Set([...this.#players.values()].filter((p) => p.connectionId === undefined).map((p) => p.snakeId))
    const { tick, width, height, food } = this.#world
    const snakes = this.#world.snakes.map(({ id, name, color, body, heading, score }) => ({
      id,
      name,
      color,
      body: body.map(([x, y]): [number, number] => [x, y]),
      heading,
      score,
      connected: !away.has(id),
    }))
    return { type: 'state', gameId: this.id, tick, width, height, snakes, food: food.map(([x, y]): [number, number] => [x, y]) }
  }
}
