/** Open games and their players (connection ids), on this instance. */
export class Games {
  readonly #games: Map<string, Set<string>> = new Map()

  create(): string {
    // 8 characters of a random UUID: unguessable enough for a demo, short enough to read out.
    let id: string
    do id = crypto.randomUUID().replace(/-/g, '').slice(0, 8)
    while (this.#games.has(id))
    this.#games.set(id, new Set())
    return id
  }

  has(gameId: string): boolean {
    return this.#games.has(gameId)
  }

  /** Adds a player; returns everyone now in the game. */
  join(gameId: string, playerId: string): string[] {
    const players = this.#games.get(gameId)
    if (!players) return []
    players.add(playerId)
    return [...players]
  }

  /** Removes a player from every game; games nobody is in any more are closed. */
  leaveAll(playerId: string): { left: string[]; closed: string[] } {
    const left: string[] = []
    const closed: string[] = []
    for (const [gameId, players] of this.#games) {
      if (!players.delete(playerId)) continue
      left.push(gameId)
      if (players.size === 0) {
        this.#games.delete(gameId)
        closed.push(gameId)
      }
    }
    return { left, closed }
  }

  ids(): string[] {
    return [...this.#games.keys()]
  }
}
