import { execFile } from 'node:child_process'
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium, type Chromium } from '@wsbridge/app-kit/chromium'
import { startChatProcess, type ChatProcess } from './support/chat-process.js'
import { expectText, openChat, say } from './support/chat-page.js'

// The live inspector in a real browser against the chat on Node (node-ws) and Bun: one page chats,
// the other inspects. Screenshots go to test-artifacts/; the node-ws ones are copied to docs/images/.
const artifacts = new URL('../test-artifacts/', import.meta.url)
const docsImages = new URL('../../../docs/images/', import.meta.url)

const checkDir = new URL('../.session-check/', import.meta.url)

/** Runs an exported session in its own vitest process, next to the chat's sources it imports. */
async function runExported(code: string): Promise<{ code: number; output: string }> {
  await mkdir(checkDir, { recursive: true })
  await writeFile(
    new URL('vitest.config.ts', checkDir),
    "import { defineConfig } from 'vitest/config'\nexport default defineConfig({ test: { include: ['*.test.ts'] } })\n",
  )
  await writeFile(new URL('recorded.test.ts', checkDir), code)
  const vitest = fileURLToPath(new URL('../../../node_modules/.bin/vitest', import.meta.url))
  return new Promise((resolve) => {
    execFile(vitest, ['run', 'recorded.test.ts'], { cwd: fileURLToPath(checkDir), timeout: 50_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? 1 : 0, output: stdout + stderr }),
    )
  })
}

async function screenshot(page: Page, name: string, forDocs: boolean): Promise<void> {
  await mkdir(artifacts, { recursive: true })
  const path = new URL(name, artifacts)
  await page.screenshot({ path: path.pathname, fullPage: true })
  if (forDocs) {
    await mkdir(docsImages, { recursive: true })
    await copyFile(path, new URL(name, docsImages))
  }
}

describe.skipIf(!hasChromium).each(['node-ws', 'bun'] as const)('the inspector in Chromium on %s', (host) => {
  let browser: Chromium
  let server: ChatProcess

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startChatProcess(host, { env: { WSBRIDGE_INSPECTOR: '1' } })])
  })
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.stop()])
  })

  it('shows the chat connection, its topics and traffic, sends it a typed message and exports the session', async () => {
    const room = `insp-${Date.now().toString(36)}`
    const inspector = await browser.context.newPage()
    await inspector.setViewportSize({ width: 1280, height: 900 })
    await inspector.goto(`${server.url}/__inspector`)
    await inspector.locator('#status[data-state="open"]').waitFor()
    await inspector.locator('#record').click()
    await inspector.locator('#record[aria-pressed="true"]').waitFor()

    const alice = await openChat(browser.context, server.url, 'alice', room)
    const row = inspector.locator('#connections tbody tr', { hasText: 'Alice' })
    await expectText(row, new RegExp(`chat\\s+Alice\\s+127\\.0\\.0\\.1\\s+.*room:chat:${room}`))
    await expectText(inspector.locator(`#topics li[data-topic="room:chat:${room}"]`), /1: Alice/)

    await say(alice, 'hello inspector')
    await expectText(inspector.locator('#log tbody tr.in', { hasText: 'hello inspector' }).first(), /in\s+chat\s+\S+\s+say/)
    await expectText(inspector.locator('#log tbody tr.out', { hasText: 'hello inspector' }).first(), /out\s+chat\s+\S+\s+message/)
    // The log's filters: only what the server sent.
    await inspector.locator('#filter-direction').selectOption('out')
    await expect.poll(() => inspector.locator('#log tbody tr.in').count()).toBe(0)
    await inspector.locator('#filter-direction').selectOption('')

    // A typed message to the chat connection, from the form generated from the route's output schema.
    await row.click()
    await inspector.locator('#variant').selectOption({ label: 'notice' })
    await inspector.locator('#fields input[name="text"]').fill('Maintenance at noon')
    await screenshot(inspector, `inspector-${host}.png`, host === 'node-ws')
    await inspector.locator('#send').click()
    await expectText(inspector.locator('#result'), /Sent to/)
    await expectText(alice.locator('#messages li').last(), /Maintenance at noon/)
    // A message the schema does not allow is refused before it reaches the wire.
    await inspector.locator('#raw-toggle').check()
    await inspector.locator('#raw').fill('{"type":"notice","text":42}')
    await inspector.locator('#send').click()
    await expectText(inspector.locator('#result[data-ok="false"]'), /Not a valid "chat" server message/)

    await inspector.locator('#record').click()
    await inspector.locator('#record[aria-pressed="false"]').waitFor()
    await inspector.locator('#export').click()
    await expect.poll(() => inspector.locator('#exported').inputValue(), { timeout: 10_000 }).toContain('createTestBridge')
    const exported = await inspector.locator('#exported').inputValue()
    expect(exported).toContain('await t.connect("/api/chat?token=alice')
    expect(exported).toContain('"text": "hello inspector"')
    expect(exported).toContain('s1.send({ "type": "notice", "text": "Maintenance at noon" })')
    await screenshot(inspector, `inspector-export-${host}.png`, host === 'node-ws')
    // The exported file is a passing test against the chat's own routes.
    const run = await runExported(exported)
    expect(run.output).toMatch(/1 passed/)
    expect(run.code).toBe(0)
    await alice.close()
    await inspector.close()
  })
})
