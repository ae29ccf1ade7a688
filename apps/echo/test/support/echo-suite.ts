import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { hasChromium, launchChromium, mustRunBrowserTests, type Chromium } from '@wsbridge/app-kit/chromium'
import { startHostProcess } from '@wsbridge/app-kit/host-process'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type EchoHost, hostCommand } from '../../src/server/hosts.js'

const artifacts = new URL('../../test-artifacts/', import.meta.url)
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, '390px': { width: 390, height: 844 } } as const

/** The page as a person uses it on one host: JSON and binary round trips, /quit's 1000, and 1003 for bytes to the JSON route. */
async function useEchoPage(context: BrowserContext, url: string, name: string, viewport: keyof typeof VIEWPORTS): Promise<void> {
  const page = await context.newPage()
  await page.setViewportSize(VIEWPORTS[viewport])
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
  await page.screenshot({ path: new URL(`${name}.png`, artifacts).pathname, fullPage: true })

  await page.locator('#input').fill('/quit')
  await page.locator('#input').press('Enter')
  const closed = page.locator('#closed')
  await expect.poll(() => closed.getAttribute('data-code')).toBe('1000')
  expect(await closed.getAttribute('data-reason')).toBe('User requested disconnect')
  expect(await page.locator('#status').innerText()).toBe('closed 1000')
  await page.screenshot({ path: new URL(`${name}-quit.png`, artifacts).pathname, fullPage: true })

  // Reconnect, then a binary frame on the JSON-only chat route: the server closes with 1003.
  await page.locator('#reconnect').click()
  await expect.poll(() => page.locator('#status').innerText()).toBe('connected')
  await page.locator('#binary-to-chat').click()
  await expect.poll(() => closed.getAttribute('data-code')).toBe('1003')
  await page.close()
}

/** The echo page's browser test on `hosts` (a few a file, so each stays well under a minute), one Chromium for them all; Express also at 390 px. */
export function echoSuite(hosts: readonly EchoHost[]): void {
  if (!hasChromium && mustRunBrowserTests) {
    it('has Debian Chromium at /usr/bin/chromium (required under CI=true)', () => expect.fail('Chromium is missing'))
  }

  describe.skipIf(!hasChromium)('the echo page in Chromium', () => {
    let browser: Chromium
    beforeAll(async () => {
      ;[browser] = await Promise.all([launchChromium(), mkdir(artifacts, { recursive: true })])
    })
    afterAll(() => browser?.close())

    it.each(hosts)(
      'on %s: JSON and binary round trips, close codes 1000 and 1003',
      async (host) => {
        const server = await startHostProcess(hostCommand(host), {
          name: `echo on ${host}`,
          cwd: fileURLToPath(new URL('../../', import.meta.url)),
        })
        try {
          await useEchoPage(browser.context, server.url, `echo-${host}-desktop`, 'desktop')
          if (host === 'express') await useEchoPage(browser.context, server.url, `echo-${host}-390px`, '390px')
        } finally {
          await server.stop()
        }
      },
      45_000,
    )
  })
}
