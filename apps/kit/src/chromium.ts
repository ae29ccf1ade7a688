import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'

/** Debian's Chromium (apt-get install chromium). Tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

export const hasChromium: boolean = existsSync(CHROMIUM_PATH)

/** Under CI a missing browser is a failure, not a skip: the suite must not silently shrink. */
export const mustRunBrowserTests: boolean = process.env['CI'] === 'true'

// The machine's network is closed: without these flags Chromium keeps dialling Google's services.
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

export interface Chromium {
  readonly context: BrowserContext
  close(): Promise<void>
}

/** Starts Chromium with a fresh, throwaway profile directory. */
export async function launchChromium(): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), 'wsbridge-sample-e2e-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1000, height: 700 },
  })
  return {
    context,
    async close() {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}
