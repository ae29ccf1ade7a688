import { mkdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChatHost } from '../src/server/hosts.js'
import { startChatProcess, type ChatProcess } from './support/chat-process.js'
import { expectItems, expectText, openChat, say, waitForState } from './support/chat-page.js'
import { hasChromium, launchChromium, mustRunBrowserTests, type Chromium } from '@wsbridge/app-kit/chromium'

// Every entry point serves the same page and routes; the browser must not be able to tell them apart.
const hosts: readonly ChatHost[] = ['express', 'bun', 'node-ws', 'hono-node', 'hono-bun', 'deno', 'workerd']
const artifacts = new URL('../test-artifacts/', import.meta.url)

if (!hasChromium && mustRunBrowserTests) {
  it('has Debian Chromium at /usr/bin/chromium (required under CI=true)', () => {
    expect.fail('Chromium is missing: apt-get install -y chromium')
  })
}

describe.skipIf(!hasChromium).each(hosts)('chat in Chromium on %s', (host) => {
  let browser: Chromium
  let server: ChatProcess
  let roomCount = 0
  // A fresh room per test keeps the tests independent while sharing one server.
  const freshRoom = (): string => `e2e-${host}-${++roomCount}`

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startChatProcess(host)])
  })

  afterAll(async () => {
    await Promise.all([browser?.close(), server?.stop()])
  })

  it('two pages in the same room see each other and each other’s messages', async () => {
    const room = freshRoom()
    const alice = await openChat(browser.context, server.url, 'alice', room)
    const bob = await openChat(browser.context, server.url, 'bob', room)
    await expectItems(alice.locator('#presence li'), ['Alice', 'Bob'])

    await say(alice, `hello from ${host}`)
    await expectText(bob.locator('#messages li').last(), new RegExp(`Alice\\s*hello from ${host}`))
    await expectText(alice.locator('#messages li').last(), new RegExp(`Alice\\s*hello from ${host}`))

    await say(bob, 'hi Alice')
    await expectText(alice.locator('#messages li').last(), /Bob\s*hi Alice/)
    await mkdir(artifacts, { recursive: true })
    await alice.screenshot({ path: new URL(host === 'express' ? 'chat.png' : `chat-${host}.png`, artifacts).pathname })
    await Promise.all([alice.close(), bob.close()])
  })

  it('shows who is typing and updates the member list when someone leaves', async () => {
    const room = freshRoom()
    const alice = await openChat(browser.context, server.url, 'alice', room)
    const bob = await openChat(browser.context, server.url, 'bob', room)
    const carol = await openChat(browser.context, server.url, 'carol', room)
    await expectItems(bob.locator('#presence li'), ['Alice', 'Bob', 'Carol'])

    await alice.locator('#text').pressSequentially('typing a long')
    await expectText(bob.locator('#typing'), 'Alice is typing…')
    await expectText(carol.locator('#typing'), 'Alice is typing…')
    expect(await alice.locator('#typing').innerText()).toBe('') // no echo of your own typing

    await alice.locator('#composer button').click() // sending ends "typing"
    await expectText(bob.locator('#typing'), /^$/)

    await carol.close()
    await expectItems(bob.locator('#presence li'), ['Alice', 'Bob'])
    await expectItems(alice.locator('#presence li'), ['Alice', 'Bob'])
    await Promise.all([alice.close(), bob.close()])
  })

  it('refuses an unknown token with a visible message and does not retry', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${server.url}/?token=mallory`)
    await page.locator('#error').waitFor({ state: 'visible' })
    expect(await page.locator('#error').innerText()).toMatch(/Not signed in: Invalid token \(close code 4401\)/)
    expect(await page.locator('#chat').isHidden()).toBe(true)
    await waitForState(page, 'refused')
    // 4401 is final: the client must not be back to connecting a moment later.
    await page.waitForTimeout(1500)
    expect(await page.locator('#status').getAttribute('data-state')).toBe('refused')
    await page.close()
  })

  it('reconnects, rejoins its room and delivers what was typed while the server was down', async () => {
    const room = freshRoom()
    const alice = await openChat(browser.context, server.url, 'alice', room)
    const port = server.port
    await server.stop() // graceful: the page gets 1001 and starts reconnecting
    await waitForState(alice, 'reconnecting')
    await say(alice, 'typed while offline')
    await expectText(alice.locator('#messages li.pending').last(), /typed while offline/)
    server = await startChatProcess(host, { port })
    await waitForState(alice, 'open')
    await expectItems(alice.locator('#presence li'), ['Alice'])
    // Shown as pending while offline; then the room's echo replaces it: the server took it in the
    // room (rejoined first), not "Join #room first".
    await expectText(alice.locator('#messages li.mine').last(), /Alice\s*typed while offline/)
    expect(await alice.locator('#messages li.pending').count()).toBe(0)
    expect(await alice.locator('#messages li', { hasText: /Join .* first/ }).count()).toBe(0)

    const bob = await openChat(browser.context, server.url, 'bob', room)
    await expectItems(alice.locator('#presence li'), ['Alice', 'Bob'])
    await say(bob, 'welcome back')
    await expectText(alice.locator('#messages li').last(), /Bob\s*welcome back/)
    await Promise.all([alice.close(), bob.close()])
  })
})
