import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientTestRoutes, serverLog } from '../routes.js'
import { startWsHost, type WsTestHost } from '../ws-host.js'

const CHROMIUM = '/usr/bin/chromium'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
]
// In CI a missing browser is a failure, never a silent skip.
const available = existsSync(CHROMIUM) || process.env['CI'] === 'true'

describe.skipIf(!available)('client in Chromium', () => {
  let host: WsTestHost
  let context: BrowserContext
  let page: Page
  let profile: string
  let inputs: string[] = []

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('./page.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'chrome120',
      write: false,
      metafile: true,
      // Metafile paths are relative to this: the package root, wherever vitest was started from.
      absWorkingDir: fileURLToPath(new URL('../../../', import.meta.url)),
    })
    inputs = Object.keys(bundle.metafile.inputs)
    host = await startWsHost(clientTestRoutes, { prefix: '/api' })
    host.files.set('/client.js', ['text/javascript', bundle.outputFiles[0]!.text])
    host.files.set('/?t=browser', ['text/html', '<!doctype html><script type="module" src="/client.js"></script>'])
    profile = mkdtempSync(join(tmpdir(), 'wsbridge-chromium-'))
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true })
    page = await context.newPage()
    await page.goto(`${host.httpUrl}/?t=browser`)
  }, 60_000)

  afterAll(async () => {
    await context?.close()
    await host?.close()
    if (profile) rmSync(profile, { recursive: true, force: true })
  })

  it('bundles the type-only client without valibot or server code', () => {
    expect(inputs.some((file) => file.includes('client/setup.ts'))).toBe(true)
    // An allowlist, not a denylist: besides the client and the page, only the wire-level modules the
    // client shares with the server may be bundled (no valibot, no bridge, no pub/sub, no dispatch).
    const shared = [
      'src/control-frames.ts',
      'src/close-codes.ts',
      'src/errors.ts',
      'src/request-frames.ts',
      'src/request-asker.ts',
      'src/request-endpoint.ts',
      'src/request-stream-reader.ts',
      'src/restart-window.ts',
    ]
    expect(
      inputs.filter((file) => !file.startsWith('src/client/') && !file.startsWith('test/client/browser/') && !shared.includes(file)),
    ).toEqual([])
  })

  it('connects to a relative baseUrl (http → ws), sends and receives typed messages', async () => {
    await page.waitForFunction(() => (globalThis as any).wsb?.conn.state === 'open')
    expect(await page.evaluate(() => (globalThis as any).wsb.url())).toBe(`${host.wsUrl}/api/echo?t=browser`)
    await page.evaluate(() => (globalThis as any).wsb.conn.send({ hello: 'server' }))
    await page.waitForFunction(() => (globalThis as any).wsb.received.length === 1)
    expect(await page.evaluate(() => (globalThis as any).wsb.received)).toEqual([{ echo: { hello: 'server' } }])
    await page.waitForFunction(() => (globalThis as any).wsb.room.length === 2)
    expect(await page.evaluate(() => (globalThis as any).wsb.room)).toEqual([
      { type: 'hello', roomId: 'lobby', query: {} },
      { type: 'said', text: 'from the browser' },
    ])
  })

  it('reconnects after the server restarts and flushes what was sent while down', async () => {
    await host.restart({ downFor: 300 })
    await page.evaluate(() => (globalThis as any).wsb.conn.send('after restart'))
    await page.waitForFunction(() => (globalThis as any).wsb.received.length === 2, undefined, { timeout: 10_000 })
    expect(await page.evaluate(() => (globalThis as any).wsb.received[1])).toEqual({ echo: 'after restart' })
    expect(await page.evaluate(() => (globalThis as any).wsb.conn.reconnects)).toBe(1)
    expect(await page.evaluate(() => (globalThis as any).wsb.states)).toEqual(['open', 'reconnecting', 'open'])
    expect(serverLog.get('browser')?.filter((entry) => entry === 'open')).toHaveLength(2)
  })
})
