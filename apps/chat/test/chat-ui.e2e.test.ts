import { mkdir } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChatProcess, type ChatProcess } from './support/chat-process.js'
import { expectItems, expectText, openChat, say } from './support/chat-page.js'
import { hasChromium, launchChromium, type Chromium } from '@wsbridge/app-kit/chromium'

// What a person sees, in one host's page (the page and its script are the same on every host;
// chat.e2e.test.ts proves the hosts alike). Screenshots go to test-artifacts/ (gitignored).
const artifacts = new URL('../test-artifacts/', import.meta.url)
const LONG_WORD = `Supercalifragilistic${'expialidocious'.repeat(12)}`
const LONG_URL = `https://example.com/${'a-very-long-path-segment/'.repeat(8)}?q=${'x'.repeat(80)}`

async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(artifacts, { recursive: true })
  await page.screenshot({ path: new URL(name, artifacts).pathname })
}

/** Everything that would force sideways scrolling or hide a control past the right edge. */
async function overflow(page: Page): Promise<{ page: number; send: number; messages: number; width: number }> {
  return page.evaluate(() => {
    const right = (selector: string) => document.querySelector(selector)?.getBoundingClientRect().right ?? Number.POSITIVE_INFINITY
    return {
      page: document.documentElement.scrollWidth,
      send: right('#composer button'),
      messages: Math.max(...[...document.querySelectorAll('#messages li')].map((li) => li.getBoundingClientRect().right)),
      width: window.innerWidth,
    }
  })
}

describe.skipIf(!hasChromium)('chat page in Chromium (express)', () => {
  let browser: Chromium
  let server: ChatProcess
  let roomCount = 0
  const freshRoom = (): string => `ui-${++roomCount}-${Date.now().toString(36)}`

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startChatProcess('express')])
  })

  afterAll(async () => {
    await Promise.all([browser?.close(), server?.stop()])
  })

  it('marks your own messages, shows who joined and left, and which host serves the page', async () => {
    const room = freshRoom()
    const alice = await openChat(browser.context, server.url, 'alice', room)
    expect(await alice.locator('#server').innerText()).toBe('served by express')
    const bob = await openChat(browser.context, server.url, 'bob', room)
    await expectText(alice.locator('#messages li.event').last(), /Bob joined/)

    await say(alice, 'from alice')
    await say(bob, 'from bob')
    await expectText(alice.locator('#messages li').last(), /Bob\s*from bob/)
    expect(await alice.locator('#messages li.mine').allInnerTexts()).toEqual([expect.stringMatching(/Alice\s*from alice/)])
    expect(await alice.locator('#messages li.theirs').allInnerTexts()).toEqual([expect.stringMatching(/Bob\s*from bob/)])
    await expectText(bob.locator('#messages li.mine').last(), /Bob\s*from bob/)
    // Distinguishable by more than a class name: own lines are drawn differently.
    const background = (line: string) =>
      alice
        .locator(`#messages li.${line}`)
        .first()
        .evaluate((li) => getComputedStyle(li).backgroundColor)
    expect(await background('mine')).not.toBe(await background('theirs'))

    await bob.close()
    await expectText(alice.locator('#messages li.event').last(), /Bob left/)
    await screenshot(alice, 'chat-desktop.png')
    await alice.close()
  })

  it('counts unread messages in the rooms not on screen and clears the count when one is opened', async () => {
    const [here, there] = [freshRoom(), freshRoom()]
    const alice = await openChat(browser.context, server.url, 'alice', here)
    // Alice is in both rooms and looks at `here`.
    await alice.locator('#room-input').fill(there)
    await alice.locator('#join-form button').click()
    await alice.locator('#room-name', { hasText: `#${there}` }).waitFor()
    await alice.locator(`#rooms button[data-room="${here}"]`).click()
    await alice.locator('#room-name', { hasText: `#${here}` }).waitFor()

    const bob = await openChat(browser.context, server.url, 'bob', there)
    await say(bob, 'psst')
    await say(bob, 'over here')
    const badge = alice.locator(`#rooms button[data-room="${there}"] .unread`)
    await expectText(badge, /^2$/)
    expect(await alice.locator(`#rooms button[data-room="${here}"] .unread`).count()).toBe(0)
    expect(await alice.locator('#messages li', { hasText: 'psst' }).count()).toBe(0) // not in the room on screen
    await screenshot(alice, 'chat-unread.png')

    await alice.locator(`#rooms button[data-room="${there}"]`).click()
    await expectText(alice.locator('#messages li').last(), /Bob\s*over here/)
    expect(await badge.count()).toBe(0)
    await expectItems(alice.locator('#presence li'), ['Alice', 'Bob'])
    await Promise.all([alice.close(), bob.close()])
  })

  it('wraps long words and URLs, and keeps Send on screen at desktop, 390 px and 360 px widths', async () => {
    const room = freshRoom()
    const alice = await openChat(browser.context, server.url, 'alice', room)
    await say(alice, LONG_WORD)
    await say(alice, `see ${LONG_URL}`)
    await expectText(alice.locator('#messages li.mine').last(), /see https:\/\/example\.com/)
    await alice.locator('#text').fill(LONG_WORD) // a long word in the input box must not widen it either

    for (const width of [1000, 390, 360]) {
      await alice.setViewportSize({ width, height: width > 600 ? 700 : 780 })
      const measured = await overflow(alice)
      expect(measured.width).toBe(width)
      expect(measured.page, `page width at ${width} px`).toBeLessThanOrEqual(width)
      expect(measured.send, `Send button's right edge at ${width} px`).toBeLessThanOrEqual(width)
      expect(measured.messages, `message lines' right edge at ${width} px`).toBeLessThanOrEqual(width)
      if (width !== 360) await screenshot(alice, width === 1000 ? 'chat-long-words-desktop.png' : `chat-${width}.png`)
    }
    // At phone width the rooms sit above the messages, not in a column beside them.
    const [rooms, messages] = await Promise.all([alice.locator('#rooms').boundingBox(), alice.locator('#messages').boundingBox()])
    expect(rooms!.y + rooms!.height).toBeLessThanOrEqual(messages!.y)
    await alice.close()
  })

  it('serves a favicon the page links to', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${server.url}/?token=alice`)
    const href = await page.locator('link[rel="icon"]').getAttribute('href')
    const icon = await page.request.get(new URL(href ?? '', server.url).href)
    expect(icon.status()).toBe(200)
    expect(icon.headers()['content-type']).toBe('image/svg+xml')
    expect(await icon.text()).toMatch(/^<svg[\s>]/)
    await page.close()
  })
})
