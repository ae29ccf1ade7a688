import { expect } from 'vitest'
import { defineCaseGroup, type ConformanceCase } from '../case.js'
import type { SuiteContext } from '../context.js'
import { expectEchoes } from '../helpers.js'

const MAX_REASON_BYTES = 123
const utf8 = new TextEncoder()

/** Reasons that overflow a close frame in every UTF-8 width, cut points that would split a character. */
const longReasons = {
  cyrillic: 'Сообщение не прошло проверку: '.repeat(4),
  cjk: '検証に失敗しました。'.repeat(6),
  emoji: '🚫🔒'.repeat(40),
  mixed: `a${'é'.repeat(61)}😀`.repeat(2),
}

/** The reason the peer saw is the longest prefix of `sent` that fits, cut between characters. */
function expectTrimmed(seen: string, sent: string): void {
  expect(utf8.encode(seen).length).toBeLessThanOrEqual(MAX_REASON_BYTES)
  expect(sent.startsWith(seen)).toBe(true)
  const next = [...sent.slice(seen.length)][0]
  if (next !== undefined) expect(utf8.encode(seen + next).length).toBeGreaterThan(MAX_REASON_BYTES)
}

/** A client of `path` (that sends `message`, if any) is closed with `code` and `reason` trimmed; a bystander still echoes. */
async function expectTrimmedClose(ctx: SuiteContext, path: string, code: number, reason: string, message?: unknown): Promise<void> {
  const bystander = await ctx.connect('/echo')
  const client = await ctx.connect(path)
  if (message !== undefined) client.send(message)
  const closed = await client.waitClose()
  expect(closed.code).toBe(code)
  expectTrimmed(closed.reason, reason)
  await expectEchoes(bystander, 'still up')
}

export const closeReasonsGroup = defineCaseGroup({
  name: 'close reasons',
  cases: [
    ...Object.entries(longReasons).map(
      ([script, reason]): ConformanceCase => ({
        name: `a policy close with a long ${script} reason is trimmed to 123 bytes between characters, and the host stays up`,
        async run(ctx) {
          await expectTrimmedClose(ctx, '/closeReasonPolicy', 1007, reason, { reason })
        },
      }),
    ),
    {
      name: 'an auth close (authFailure: close) with a long non-ASCII reason closes 4401 with the trimmed reason, not an HTTP error',
      async run(ctx) {
        const reason = longReasons.cyrillic
        await expectTrimmedClose(ctx, `/closeReasonAuth?reason=${encodeURIComponent(reason)}`, 4401, reason)
      },
    },
    {
      name: 'a reason with lone surrogates reaches the peer as U+FFFD within 123 bytes',
      async run(ctx) {
        const reason = `${'\uD800x'.repeat(20)}${'\uDC00'.repeat(30)}`
        const client = await ctx.connect('/closeReasonPolicy')
        client.send({ reason })
        const closed = await client.waitClose()
        expect(closed.code).toBe(1007)
        expect(utf8.encode(closed.reason).length).toBeLessThanOrEqual(MAX_REASON_BYTES)
        expect(closed.reason.startsWith('\uFFFDx\uFFFDx')).toBe(true)
      },
    },
  ],
})
