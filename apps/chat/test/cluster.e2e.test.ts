import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChatProcess, type ChatProcess } from './support/chat-process.js'
import { expectItems, expectText, openChat, say } from './support/chat-page.js'
import { hasChromium, launchChromium, mustRunBrowserTests, type Chromium } from '@wsbridge/app-kit/chromium'
import { REDIS_URL, redisReachable } from './support/redis.js'

// What `npm run start:cluster` sets up, on two different runtimes: Express on Node and Bun.serve.
const hasRedis = await redisReachable()

if (mustRunBrowserTests && !(hasRedis && hasChromium)) {
  it('has Redis and Chromium (required under CI=true)', () => {
    expect.fail(`Redis reachable at ${REDIS_URL}: ${hasRedis}; Chromium present: ${hasChromium}`)
  })
}

describe.skipIf(!(hasRedis && hasChromium))('chat on two instances sharing Redis (express + bun)', () => {
  let browser: Chromium
  let instances: ChatProcess[] = []

  beforeAll(async () => {
    const env = { REDIS_URL }
    const [chromium, ...started] = await Promise.all([
      launchChromium(),
      startChatProcess('express', { env: { ...env, INSTANCE_NAME: 'one' } }),
      startChatProcess('bun', { env: { ...env, INSTANCE_NAME: 'two' } }),
    ])
    browser = chromium
    instances = started
  })

  afterAll(async () => {
    await Promise.all([browser?.close(), ...instances.map((instance) => instance.stop())])
  })

  it('delivers room messages, typing and one member list across instances', async () => {
    const [one, two] = instances as [ChatProcess, ChatProcess]
    const room = `cluster-${Date.now().toString(36)}`
    const alice = await openChat(browser.context, one.url, 'alice', room)
    const bob = await openChat(browser.context, two.url, 'bob', room)
    expect(await alice.title()).toContain('(one)')
    expect(await bob.title()).toContain('(two)')
    expect(await alice.locator('#server').innerText()).toBe('served by express (one)')
    expect(await bob.locator('#server').innerText()).toBe('served by bun (two)')
    // Presence comes from Redis: each page lists the member on the other instance too.
    await expectItems(alice.locator('#presence li'), ['Alice', 'Bob'])
    await expectItems(bob.locator('#presence li'), ['Alice', 'Bob'])

    await say(alice, 'hello across instances')
    await expectText(bob.locator('#messages li').last(), /Alice\s*hello across instances/)

    await bob.locator('#text').pressSequentially('typing')
    await expectText(alice.locator('#typing'), 'Bob is typing…')
    await bob.locator('#composer button').click()
    await expectText(alice.locator('#messages li').last(), /Bob\s*typing/)
    await bob.close()
    await expectItems(alice.locator('#presence li'), ['Alice'])
    await alice.close()
  })
})
