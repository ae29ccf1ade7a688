// The game this tab is in, kept in sessionStorage: it survives a reload (so the page can rejoin
// with its token and get its snake back) but not closing the tab, and each tab has its own.

const KEY = 'wsbridge-game'

export interface SavedGame {
  readonly gameId: string
  readonly role: 'player' | 'spectator'
  /** A player's secret: presenting it again returns their snake within the grace period. */
  readonly token?: string | undefined
}

export function loadGame(): SavedGame | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<SavedGame> | null
    return typeof saved?.gameId === 'string' && (saved.role === 'player' || saved.role === 'spectator')
      ? { gameId: saved.gameId, role: saved.role, token: typeof saved.token === 'string' ? saved.token : undefined }
      : undefined
  } catch {
    return undefined // storage blocked or garbage: start in the lobby
  }
}

export function saveGame(game: SavedGame | undefined): void {
  try {
    if (game) sessionStorage.setItem(KEY, JSON.stringify(game))
    else sessionStorage.removeItem(KEY)
  } catch {
    // Without storage a reload lands in the lobby; the game itself still works.
  }
}
