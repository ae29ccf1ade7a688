import type { Server } from 'node:http'
import { mkdir } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// The chat app's Chromium launcher (Debian's /usr/bin/chromium, fresh profile, no downloads).
import { hasChromium, launchChromium, mustRunBrowserTests, type Chromium } from '../../chat/test/support/chromium.js'
import { startEchoServer } from '../src/app.js'

const artifacts = new URL('../test-artifacts/', import.meta.url)

if (!hasChromium && mustRunBrowserTests) {
  it('has Debian Chromium at /usr/bin/chromium (required under CI=true)', () => expect.fail('Chromium is missing'))
}

describe.skipIf(!hasChromium)('the echo page in Chromium', () => {
  let server: Server
  let browser: Chromium
  let url: string

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startEchoServer(0), launchChromium(), mkdir(artifacts, { recursive: true })])
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  })

  afterAll(async () => {
    await browser?.close()
    server?.closeAllConnections()
    await new Promise((resolve) => server?.close(resolve))
  })

  for (const [label, size] of [
    ['desktop', { width: 1280, height: 800 }],
    ['390px', { width: 390, height: 844 }],
  ] as const) {
    it(`shows JSON and binary round trips and the /quit close code (${label})`, async () => {
      const page = await browser.context.newPage()
      await page.setViewportSize(size)
      await page.goto(url)
      const lines = page.locator('#messages li')
      await expect.poll(() => lines.allInnerTexts()).toEqual(['Connected!', 'Welcome to the chat!'])
      await page.locator('#input').fill('Hello!')
      await page.locator('#input').press('Enter')
      await expect.poll(() => lines.allInnerTexts()).toHaveLength(4)
      expect(await lines.nth(2).innerText()).toBe('Hello!')
      expect(await lines.nth(3).innerText()).toMatch(/\{"text":"Hello!"\}$/) // the echo, after its time

      await page.locator('#input').fill('héllo')
      await page.locator('#send-binary').click()
      const result = page.locator('#binary-result')
      await expect.poll(() => result.getAttribute('data-match')).toBe('true')
      expect(await result.getAttribute('data-bytes')).toBe('6') // é is two bytes in UTF-8
      expect(await result.innerText()).toContain('[68 c3 a9 6c 6c 6f]')
      await page.screenshot({ path: new URL(`echo-${label}.png`, artifacts).pathname, fullPage: true })

      await page.locator('#input').fill('/quit')
      await page.locator('#input').press('Enter')
      const closed = page.locator('#closed')
      await expect.poll(() => closed.getAttribute('data-code')).toBe('1000')
      expect(await closed.getAttribute('data-reason')).toBe('User requested disconnect')
      expect(await page.locator('#status').innerText()).toBe('closed 1000')
      await page.screenshot({ path: new URL(`echo-${label}-quit.png`, artifacts).pathname, fullPage: true })

      // Reconnect, then a binary frame on the JSON-only chat route: the server closes with 1003.
      await page.locator('#reconnect').click()
      await expect.poll(() => page.locator('#status').innerText()).toBe('connected')
      await page.locator('#binary-to-chat').click()
      await expect.poll(() => closed.getAttribute('data-code')).toBe('1003')
      await page.close()
    })
  }
})
