import { hasChromium, launchChromium, mustRunBrowserTests, type Chromium } from '@wsbridge/app-kit/chromium'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { playArena } from './arena-scenario.js'
import { type GameHost, startGameProcess } from './game-process.js'

/**
 * The arena's browser test on `hosts`, one Chromium for them all. Each page-*.test.ts file takes
 * two hosts at most, so a file stays well under a minute on a busy machine.
 */
export function arenaSuite(hosts: readonly GameHost[]): void {
  if (!hasChromium && mustRunBrowserTests) {
    it('has Debian Chromium at /usr/bin/chromium (required under CI=true)', () => expect.fail('Chromium is missing'))
  }

  describe.skipIf(!hasChromium)('the snake arena in Chromium', () => {
    let browser: Chromium
    beforeAll(async () => {
      browser = await launchChromium()
    })
    afterAll(() => browser?.close())

    it.each(hosts)(
      'on %s: two players and a spectator; a dropped socket resumes and rejoins; so does a reload',
      async (host) => {
        const server = await startGameProcess(host)
        try {
          await playArena(browser.context, server.url, host)
        } finally {
          await server.stop()
        }
      },
      60_000,
    )
  })
}
