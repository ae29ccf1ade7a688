import fc from 'fast-check'
import { expect } from 'vitest'

/**
 * Strings and close-frame oracles for the fuzz cases, and for @wsbridge/core's own fuzz tests, which
 * import this file by path (core/test/fuzz/text.ts): core cannot depend on the kit, which depends on
 * core. So this file imports fast-check and vitest only, never @wsbridge/core or the kit's other modules.
 */

const encoder = new TextEncoder()
// ignoreBOM: a leading U+FEFF is content here, not a byte-order mark to drop.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

export const utf8Length = (text: string): number => encoder.encode(text).length

/** What a peer reads once `text` went over the wire: lone surrogates become U+FFFD. */
export const wellFormed = (text: string): string => decoder.decode(encoder.encode(text))

export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit))

/** One "character": ASCII, any code point (1 to 4 UTF-8 bytes), a lone surrogate, or a troublemaker. */
export const unicodeChar = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 2, arbitrary: fc.constantFrom('\u0000', '\uFEFF', '\u200D', 'я', '€', '😀', '\uFFFD', '"', '\\', '\n') },
)

export const anyText = (maxLength: number): fc.Arbitrary<string> => fc.string({ unit: unicodeChar, maxLength })

/**
 * Close reasons: short and long text of any code points, and texts that cross the 123-byte limit
 * right at a multi-byte character (ASCII padding then one wide character, repeated wide characters).
 */
export const closeReason = fc.oneof(
  anyText(40),
  anyText(200),
  fc.tuple(fc.integer({ min: 110, max: 126 }), unicodeChar, anyText(8)).map(([pad, wide, tail]) => 'a'.repeat(pad) + wide + tail),
  fc.tuple(unicodeChar, fc.integer({ min: 1, max: 130 })).map(([char, times]) => char.repeat(times)),
)

/** RFC 6455 §7.4, written out again rather than imported: the oracle must not share the code under test. */
export function isSendableCloseCode(code: unknown): boolean {
  if (typeof code !== 'number' || !Number.isInteger(code)) return false
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999)
}

export const validCloseCode = fc.oneof(
  fc.constantFrom(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014),
  fc.integer({ min: 3000, max: 4999 }),
)

/** Anything a user might pass as a close code, valid or not. */
export const anyCloseCode = fc.oneof(
  validCloseCode,
  fc.constantFrom(0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535, 65536, -1),
  fc.integer({ min: -10, max: 70_000 }),
  fc.double({ min: 999, max: 5001, noNaN: true }),
)

/**
 * The close a peer reads must be sendable: a valid code and a reason of at most 123 UTF-8 bytes
 * that is a prefix of what was meant, without a split character (a cut surrogate pair would read
 * as U+FFFD, which is no prefix). A meant reason that fits arrives whole; a longer one loses at
 * most the 3 bytes of a character that did not fit.
 */
export function expectSendableClose(close: { code: number; reason: string }, code: number, meant: string): void {
  expect(isSendableCloseCode(close.code), `close code ${close.code}`).toBe(true)
  expect(close.code).toBe(code)
  const sent = wellFormed(close.reason)
  const whole = wellFormed(meant)
  expect(utf8Length(close.reason), 'reason bytes').toBeLessThanOrEqual(123)
  expect(whole.startsWith(sent), `reason ${JSON.stringify(sent)} is a prefix of ${JSON.stringify(whole)}`).toBe(true)
  expect(utf8Length(sent)).toBeGreaterThanOrEqual(Math.min(utf8Length(whole), 120))
}
