import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// The chat app's Chromium launcher (Debian's /usr/bin/chromium, fresh profile, no downloads).
import { hasChromium, launchChromium, mustRunBrowserTests, type Chromium } from '../../chat/test/support/chromium.js'
import { startEchoServer } from '../src/app.js'

if (!hasChromium && mustRunBrowserTests) {
  it('has Debian Chromium at /usr/bin/chromium (required under CI=true)', () => expect.fail('Chromium is missing'))
}

describe.skipIf(!hasChromium)('the tutorial HTML client in Chromium', () => {
  let server: Server
  let browser: Chromium

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startEchoServer(0), launchChromium()])
  })

  afterAll(async () => {
    await browser?.close()
    server?.closeAllConnections()
    await new Promise((resolve) => server?.close(resolve))
  })

  it('connects, gets the welcome, and shows the echo of what is typed', async () => {
    const page = await browser.context.newPage()
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
    const lines = page.locator('#messages div')
    await expect.poll(() => lines.allInnerTexts()).toEqual(['Connected!', 'Welcome to the chat!'])
    await page.locator('#input').fill('Hello!')
    await page.locator('#input').press('Enter')
    await expect.poll(() => lines.allInnerTexts()).toEqual(['Connected!', 'Welcome to the chat!', '{"text":"Hello!"}'])
    await page.close()
  })
})
