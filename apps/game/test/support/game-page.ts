import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { GameState } from '../../src/protocol.js'

type Direction = 'up' | 'down' | 'left' | 'right'

/** What the page exposes as `window.__game` (src/client/main.ts). */
export interface PageGame {
  readonly gameId?: string
  readonly role?: 'player' | 'spectator'
  readonly snakeId?: string
  readonly state?: GameState
  readonly rejoins: number
  readonly headings: Record<string, string[]>
  readonly events: string[]
}

export const readGame = (page: Page): Promise<PageGame> => page.evaluate(() => (window as unknown as { __game: PageGame }).__game)

export async function snakeOn(page: Page, snakeId: string): Promise<GameState['snakes'][number] | undefined> {
  return (await readGame(page)).state?.snakes.find((snake) => snake.id === snakeId)
}

/** How many heading changes of `snakeId` the page has seen: later turns are checked from here on. */
export const headingsSeen = async (page: Page, snakeId: string): Promise<number> => (await readGame(page)).headings[snakeId]?.length ?? 0

/** Waits until `page` saw `snakeId` turn to `dir` after its `from`th recorded heading. */
export async function seesTurn(page: Page, snakeId: string, dir: Direction, from: number): Promise<void> {
  await expect.poll(async () => (await readGame(page)).headings[snakeId]?.slice(from) ?? [], { timeout: 10_000 }).toContain(dir)
}

/**
 * Turns the page's own snake towards the middle of the board (so it does not hit a wall at once)
 * with the arrow keys, and returns the direction once the server's state shows the turn. A snake
 * that died in between respawns with a fresh heading, so the key is pressed again for it.
 */
export async function steer(page: Page, seers: readonly Page[]): Promise<{ dir: Direction; from: number[] }> {
  const { snakeId = '' } = await readGame(page)
  for (let attempt = 0; attempt < 5; attempt++) {
    await expect.poll(async () => (await snakeOn(page, snakeId))?.body.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0)
    const { state } = await readGame(page)
    const snake = state?.snakes.find((s) => s.id === snakeId)
    const [x, y] = snake?.body[0] ?? [0, 0]
    const across = snake?.heading === 'left' || snake?.heading === 'right'
    const dir: Direction = across ? (y < (state?.height ?? 16) / 2 ? 'down' : 'up') : x < (state?.width ?? 24) / 2 ? 'right' : 'left'
    const from = await Promise.all(seers.map((seer) => headingsSeen(seer, snakeId)))
    const own = await headingsSeen(page, snakeId)
    await page.keyboard.press({ up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight' }[dir])
    const turned = await expect
      .poll(async () => (await readGame(page)).headings[snakeId]?.slice(own) ?? [], { timeout: 3000 })
      .toContain(dir)
      .then(
        () => true,
        () => false,
      )
    if (turned) return { dir, from }
  }
  throw new Error(`${snakeId} never turned`)
}
