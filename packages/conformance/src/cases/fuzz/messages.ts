import { errorCodes, type WsErrorCode } from '@wsbridge/core'
import fc from 'fast-check'
import { expect } from 'vitest'
import { fuzzParams, fuzzTimeout } from '../../fuzz/settings.js'
import { anyText, expectSendableClose, loneSurrogate, wellFormed } from '../../fuzz/text.js'
import { fuzzCase } from './invariants.js'

const RUNS = 60
const TIMEOUT = fuzzTimeout(RUNS, 40)
const MAX_DEPTH = 8

/** Text frames: JSON, typed-looking messages, deep nesting, huge numbers, prototype keys, lone surrogates (sent as U+FFFD), junk. */
const messageText = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc
    .record(
      {
        type: fc.constantFrom('join', 'count', 'nope', '__proto__', 'constructor', 'toString'),
        roomId: fc.oneof(anyText(6), fc.integer()),
        n: fc.oneof(fc.integer(), fc.double()),
      },
      { requiredKeys: ['type'] },
    )
    .map((m) => JSON.stringify(m)),
  fc.tuple(fc.integer({ min: 1, max: 20 }), fc.boolean()).map(([depth, closed]) => '['.repeat(depth) + (closed ? ']'.repeat(depth) : '')),
  fc.constantFrom(
    '{"type":"count","n":1e400}',
    '{"type":"count","n":123456789012345678901234567890}',
    '{"type":"join","roomId":"r","__proto__":{"polluted":1}}',
    '{"\\u005f_proto__":{"type":"join"}}',
    '{"~":"ping"}',
    '',
  ),
  fc.tuple(loneSurrogate, anyText(8)).map(([s, rest]) => `{"type":"join","roomId":"${s}${rest.replace(/["\\]/g, '')}"}`),
  anyText(30),
)

const depthOf = (value: unknown): number =>
  typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0

/** The typed route's answer, from docs/typed-messages.md and docs/errors.md: `{ ok: type }`, the pong, or an error code. */
function expected(text: string): { ok: string } | { pong: true } | { codes: readonly WsErrorCode[] } {
  if (text === '{"~":"ping"}') return { pong: true }
  let parsed: unknown
  try {
    parsed = JSON.parse(text, (key, value: unknown) => (key === '__proto__' || key === 'constructor' ? undefined : value))
  } catch {
    // Nesting is checked on the text before parsing, so unbalanced brackets may read as too deep.
    return { codes: ['INVALID_JSON', 'TOO_DEEP'] }
  }
  if (depthOf(parsed) > MAX_DEPTH) return { codes: ['TOO_DEEP'] }
  const message = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}
  if (message['type'] === 'join')
    return typeof message['roomId'] === 'string' && message['roomId'] !== '' ? { ok: 'join' } : { codes: ['VALIDATION_FAILED'] }
  if (message['type'] === 'count') return Number.isInteger(message['n']) ? { ok: 'count' } : { codes: ['VALIDATION_FAILED'] }
  return { codes: ['UNKNOWN_TYPE'] }
}

/** Random text frames to a typed-messages route, policy `error` (one answer each, socket kept) and `close`. */
export const messagesCase = fuzzCase({
  name: 'fuzz: any text frame on a typed route gets its handler, the documented error frame, or the documented close; the host stays up',
  surface: 'message-text',
  timeout: TIMEOUT,
  async run(ctx, each) {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(messageText, { minLength: 1, maxLength: 5 }),
        each(async (strict: boolean, texts: string[]) => {
          const client = await ctx.connect(strict ? '/fuzz/strict' : '/fuzz/typed')
          try {
            for (const text of texts) {
              client.raw.send(text)
              const want = expected(wellFormed(text))
              if (strict && 'codes' in want) {
                const close = await client.waitClose()
                expect(want.codes.map((code) => errorCodes[code].close)).toContain(close.code)
                expectSendableClose(close, close.code, close.reason)
                break
              }
              const answer = await client.next()
              if ('ok' in want) expect(answer).toEqual(want)
              else if ('pong' in want) expect(answer).toEqual({ '~': 'pong' })
              else {
                expect(answer, JSON.stringify(text)).toMatchObject({ type: 'error' })
                expect(want.codes, JSON.stringify(text)).toContain((answer as { code: WsErrorCode }).code)
              }
            }
          } finally {
            // Also when an expectation failed: a socket left open would fail every later input.
            client.terminate()
            await client.closed
          }
        }),
      ),
      fuzzParams(RUNS, TIMEOUT),
    )
  },
})
