import { WsError } from './errors.js'

/**
 * JSON codec for text frames. Parsing is hardened: nesting depth is bounded before JSON.parse runs
 * (a 1 MiB `[[[[…` would otherwise cost deep recursion in the parser and in validation), and
 * `__proto__` / `constructor` keys are stripped so parsed messages are safe to spread or merge.
 */

const OPEN_BRACE = 123 // {
const OPEN_BRACKET = 91 // [
const CLOSE_BRACE = 125 // }
const CLOSE_BRACKET = 93 // ]
const QUOTE = 34 // "
const BACKSLASH = 92 // \

/** How many times `char` occurs in `text`, counting no further than `limit` + 1. */
function countUpTo(text: string, char: string, limit: number): number {
  let count = 0
  for (let at = text.indexOf(char); at !== -1 && count <= limit; at = text.indexOf(char, at + 1)) count++
  return count
}

/** Returns true when `text` nests arrays/objects deeper than `maxDepth` (strings are skipped). */
export function exceedsDepth(text: string, maxDepth: number): boolean {
  // A message shorter than 2 * maxDepth characters cannot open and close maxDepth levels.
  if (text.length <= maxDepth * 2) return false
  // Nor can one with at most maxDepth `{` and `[` in all. Counting them takes two native indexOf
  // passes; the exact scan below is a JS loop over every character (~2 µs for 1 KB on V8), so
  // typical messages, long but shallow, skip it.
  if (countUpTo(text, '{', maxDepth) + countUpTo(text, '[', maxDepth) <= maxDepth) return false
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i)
        if (s === BACKSLASH) i++
        else if (s === QUOTE) break
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return true
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--
    }
  }
  return false
}

function stripDangerousKeys(key: string, value: unknown): unknown {
  return key === '__proto__' || key === 'constructor' ? undefined : value
}

// No `g` flag, so `test` keeps no state.
const DANGEROUS_KEY_HINT = /__proto__|constructor|\\u/

/** Up to this length one regex pass is the cheaper scan on both engines. */
const SHORT_TEXT = 96

/**
 * Whether `text` might hold a dangerous key. Which scan is cheapest depends on the engine and the
 * length (docs/benchmarks.md, finding 12): for a short message the regex wins on both (~30 ns).
 * Past ~100 characters V8's regex falls behind by far (331 ns for 1 KB, against 58 ns for the
 * `includes` calls), while JSC's stays ahead (56 against 128 ns). Per message, 270 ns saved on
 * Node outweighs 70 ns lost on Bun. `_` first: most texts have none, and one character is the
 * cheapest thing to look for.
 */
function mayHideDangerousKey(text: string): boolean {
  if (text.length <= SHORT_TEXT) return DANGEROUS_KEY_HINT.test(text)
  return (text.includes('_') && text.includes('__proto__')) || text.includes('constructor') || text.includes('\\u')
}

/** Parses one incoming text frame. Throws WsError INVALID_JSON or TOO_DEEP. */
export function parseMessage(text: string, maxDepth: number): unknown {
  if (exceedsDepth(text, maxDepth)) throw new WsError('TOO_DEEP')
  try {
    // The reviver costs ~2x, so it only runs on the rare text that mentions a dangerous key, or has
    // a \u escape (`"\u005f_proto__"` decodes to `__proto__` without the text containing it).
    return mayHideDangerousKey(text) ? JSON.parse(text, stripDangerousKeys) : JSON.parse(text)
  } catch (cause) {
    throw new WsError('INVALID_JSON', undefined, { cause })
  }
}

/** Encodes an outgoing value once: bytes stay bytes, everything else becomes JSON text. */
export function encodeMessage(data: unknown): string | Uint8Array {
  if (data instanceof Uint8Array) return data
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  const text = JSON.stringify(data)
  // JSON.stringify(undefined) and functions produce undefined; send JSON null rather than nothing.
  return text === undefined ? 'null' : text
}
