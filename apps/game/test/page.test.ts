import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// The chat app's Chromium launcher (Debian's /usr/bin/chromium, fresh profile, no downloads).
import { hasChromium, launchChromium, mustRunBrowserTests, type Chromium } from '../../chat/test/support/chromium.js'
import { startGameServer, type GameServer } from '../src/app.js'

if (!hasChromium && mustRunBrowserTests) {
  it('has Debian Chromium at /usr/bin/chromium (required under CI=true)', () => expect.fail('Chromium is missing'))
}

describe.skipIf(!hasChromium)('the game page in Chromium', () => {
  let server: GameServer
  let browser: Chromium

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startGameServer(0), launchChromium()])
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('creates a game in one tab, joins it from another, and shows actions in both', async () => {
    const url = `http://127.0.0.1:${(server.http.address() as AddressInfo).port}/`
    const [host, guest] = [await browser.context.newPage(), await browser.context.newPage()]
    await Promise.all([host.goto(url), guest.goto(url)])
    await host.locator('#me', { hasNotText: '…' }).waitFor()
    await guest.locator('#me', { hasNotText: '…' }).waitFor()

    await host.locator('#create').click()
    await host.locator('#actions').waitFor({ state: 'visible' })
    const gameId = await host.locator('#game').innerText()
    await guest.locator('#games button', { hasText: `Join ${gameId}` }).click()
    await guest.locator('#actions').waitFor({ state: 'visible' })
    await expect.poll(() => host.locator('#log').innerText()).toMatch(new RegExp(`joined ${gameId}`))

    await guest.locator('#actions button[data-value="up"]').click()
    await expect.poll(() => host.locator('#log').innerText()).toMatch(/: move up/)
    await expect.poll(() => guest.locator('#log').innerText()).toMatch(/you: move up/)
    await Promise.all([host.close(), guest.close()])
  })
})
