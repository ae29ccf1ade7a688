import { mkdir } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// The chat app's Chromium launcher (Debian's /usr/bin/chromium, fresh profile, no downloads).
import { hasChromium, launchChromium, mustRunBrowserTests, type Chromium } from '../../chat/test/support/chromium.js'
import { readGame, seesTurn, snakeOn, steer } from './support/game-page.js'
import { gameHosts, type GameHost, type GameProcess, startGameProcess } from './support/game-process.js'

const artifacts = new URL('../test-artifacts/', import.meta.url)

if (!hasChromium && mustRunBrowserTests) {
  it('has Debian Chromium at /usr/bin/chromium (required under CI=true)', () => expect.fail('Chromium is missing'))
}

describe.skipIf(!hasChromium).each(Object.keys(gameHosts) as GameHost[])('the snake arena in Chromium on %s', (host) => {
  let server: GameProcess
  let browser: Chromium

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startGameProcess(host), launchChromium(), mkdir(artifacts, { recursive: true })])
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('two players and a spectator share one game, and a reloaded player steers the same snake again', async () => {
    const [alice, bob, carol] = [await browser.context.newPage(), await browser.context.newPage(), await browser.context.newPage()]
    await alice.setViewportSize({ width: 1280, height: 800 })
    await bob.setViewportSize({ width: 390, height: 844 })
    await Promise.all([alice, bob, carol].map((page) => page.goto(server.url)))

    // Alice creates a game; it shows up in the other tabs' lobby lists without a reload.
    await alice.locator('#name').fill('alice')
    await alice.locator('#create-form button').click()
    await alice.locator('body[data-role="player"]').waitFor()
    const { gameId, snakeId: aliceSnake } = await readGame(alice)
    const listed = (page: Page) => page.locator(`#games li[data-game-id="${gameId}"]`)
    await expect.poll(() => listed(bob).innerText()).toMatch(/alice's game\s+1 playing/)

    await bob.locator('#name').fill('bob')
    await listed(bob).getByRole('button', { name: 'Play' }).click()
    await bob.locator('body[data-role="player"]').waitFor()
    await listed(carol).getByRole('button', { name: 'Watch' }).click()
    await carol.locator('body[data-role="spectator"]').waitFor()
    const bobSnake = (await readGame(bob)).snakeId ?? ''
    expect(bobSnake).not.toBe(aliceSnake)
    expect((await readGame(carol)).gameId).toBe(gameId)
    await expect.poll(() => listed(alice).innerText()).toMatch(/2 playing, 1 watching/)

    // Each player steers; the server's state shows every turn to everyone, the spectator included.
    for (const [page, snake] of [
      [alice, aliceSnake ?? ''],
      [bob, bobSnake],
    ] as const) {
      const seers = [alice, bob, carol].filter((seer) => seer !== page)
      const { dir, from } = await steer(page, seers)
      await Promise.all(seers.map((seer, i) => seesTurn(seer, snake, dir, from[i] ?? 0)))
    }
    await expect.poll(async () => (await readGame(carol)).state?.snakes.map((s) => s.name).sort()).toEqual(['alice', 'bob'])
    await expect.poll(() => carol.locator('#scores li').count()).toBe(2)

    await mkdir(artifacts, { recursive: true })
    await alice.screenshot({ path: new URL(`${host}-desktop-player.png`, artifacts).pathname })
    await carol.screenshot({ path: new URL(`${host}-desktop-spectator.png`, artifacts).pathname })
    await bob.screenshot({ path: new URL(`${host}-390px-player.png`, artifacts).pathname, fullPage: true })

    // Bob reloads mid-game: onRestore rejoins with the token from sessionStorage, and he is back
    // in control of the same snake while the game keeps running.
    const tickBefore = (await readGame(alice)).state?.tick ?? 0
    await bob.reload()
    await bob.locator(`body[data-snake-id="${bobSnake}"]`).waitFor()
    expect(await readGame(bob)).toMatchObject({ gameId, role: 'player', snakeId: bobSnake, rejoins: 1 })
    await expect.poll(async () => (await snakeOn(alice, bobSnake))?.connected).toBe(true)
    const { dir, from } = await steer(bob, [alice, carol])
    await Promise.all([alice, carol].map((seer, i) => seesTurn(seer, bobSnake, dir, from[i] ?? 0)))
    expect((await readGame(alice)).state?.tick).toBeGreaterThan(tickBefore)
    await bob.screenshot({ path: new URL(`${host}-390px-after-reload.png`, artifacts).pathname, fullPage: true })
    await Promise.all([alice.close(), bob.close(), carol.close()])
  })
})
