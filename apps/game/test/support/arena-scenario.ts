import { mkdir } from 'node:fs/promises'
import type { BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import { readGame, seesTurn, snakeOn, steer } from './game-page.js'

const artifacts = new URL('../../test-artifacts/', import.meta.url)

/**
 * Records the page's sockets and lets the test take its network away: `__drop()` ends the open
 * socket as a lost connection would (3000, so the client reconnects), and new sockets fail until
 * `__online()`. The client then retries with its backoff, as after a real outage.
 */
function installNetworkSwitch(): void {
  const Native = window.WebSocket
  const sockets: WebSocket[] = []
  let offline = false
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(offline ? 'ws://127.0.0.1:9/' : url, protocols)
      sockets.push(this)
    }
  }
  Object.assign(window, {
    __drop: () => {
      offline = true
      sockets.at(-1)?.close(3000, 'network lost')
    },
    __online: () => {
      offline = false
    },
  })
}

const shoot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: new URL(name, artifacts).pathname, fullPage })
const events = async (page: Page): Promise<string[]> => (await readGame(page)).events

/**
 * The arena as people use it, against the server at `url`: Alice (desktop) creates a game with a
 * request, Bob (390 px) joins it with one, Carol watches. Both players steer and every page sees
 * each turn. Bob's network drops mid-game: his client reconnects, rejoins his snake with its token
 * and resume delivers the turn Alice made while he was away. Then he reloads and is back again.
 */
export async function playArena(context: BrowserContext, url: string, host: string): Promise<void> {
  await mkdir(artifacts, { recursive: true })
  const [alice, bob, carol] = [await context.newPage(), await context.newPage(), await context.newPage()]
  await alice.setViewportSize({ width: 1280, height: 800 })
  await bob.setViewportSize({ width: 390, height: 844 })
  await bob.addInitScript(installNetworkSwitch)
  await Promise.all([alice, bob, carol].map((page) => page.goto(url)))

  await alice.locator('#name').fill('alice')
  await alice.locator('#create-form button').click()
  await alice.locator('body[data-role="player"]').waitFor()
  const { gameId, snakeId: aliceSnake = '' } = await readGame(alice)
  const listed = (page: Page) => page.locator(`#games li[data-game-id="${gameId}"]`)
  await expect.poll(() => listed(bob).innerText()).toMatch(/alice's game\s+1 playing/)

  await bob.locator('#name').fill('bob')
  await listed(bob).getByRole('button', { name: 'Play' }).click()
  await bob.locator('body[data-role="player"]').waitFor()
  await listed(carol).getByRole('button', { name: 'Watch' }).click()
  await carol.locator('body[data-role="spectator"]').waitFor()
  const bobSnake = (await readGame(bob)).snakeId ?? ''
  expect(bobSnake).not.toBe(aliceSnake)
  await expect.poll(() => listed(alice).innerText()).toMatch(/2 playing, 1 watching/)

  for (const [page, snake] of [
    [alice, aliceSnake],
    [bob, bobSnake],
  ] as const) {
    const seers = [alice, bob, carol].filter((seer) => seer !== page)
    const { dir, from } = await steer(page, seers)
    await Promise.all(seers.map((seer, i) => seesTurn(seer, snake, dir, from[i] ?? 0)))
  }
  await expect.poll(() => carol.locator('#scores li').count()).toBe(2)
  await shoot(alice, `${host}-desktop-player.png`)
  await shoot(carol, `${host}-desktop-spectator.png`)
  await shoot(bob, `${host}-390px-player.png`, true)

  // Bob's network drops; Alice turns while he is away; he comes back on a new socket.
  await bob.evaluate(() => (window as unknown as { __drop(): void }).__drop())
  await bob.locator('#status:not([data-state="open"])').waitFor()
  await expect.poll(async () => (await snakeOn(alice, bobSnake))?.connected).toBe(false)
  const { dir: missed } = await steer(alice, [])
  await bob.evaluate(() => (window as unknown as { __online(): void }).__online())
  await expect.poll(async () => (await readGame(bob)).rejoins, { timeout: 10_000 }).toBe(1)
  expect(await readGame(bob)).toMatchObject({ gameId, role: 'player', snakeId: bobSnake })
  await expect.poll(() => events(bob)).toContain(`${aliceSnake} turned ${missed}`)
  await expect.poll(async () => (await snakeOn(alice, bobSnake))?.connected).toBe(true)

  // A reload rejoins from sessionStorage's token: the same snake, still steered by Bob.
  await bob.reload()
  await bob.locator(`body[data-snake-id="${bobSnake}"]`).waitFor()
  expect(await readGame(bob)).toMatchObject({ gameId, role: 'player', snakeId: bobSnake, rejoins: 1 })
  const { dir, from } = await steer(bob, [alice, carol])
  await Promise.all([alice, carol].map((seer, i) => seesTurn(seer, bobSnake, dir, from[i] ?? 0)))
  await shoot(bob, `${host}-390px-after-reconnect.png`, true)
  await Promise.all([alice.close(), bob.close(), carol.close()])
}
