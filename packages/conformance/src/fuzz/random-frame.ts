import fc from 'fast-check'
import { closePayload, Opcode, type RawFrame } from '../raw-frames.js'
import { isSendableCloseCode } from './text.js'

/**
 * One frame with every header field drawn at random (FIN, RSV, opcode, mask, length, payload), and
 * what RFC 6455 makes of it on the echo route. Header faults come first (§5.2, §5.5: 1002), then
 * the payload (§8.1 UTF-8: 1007; §7.4 close codes: 1002). A frame the server accepts is followed by
 * our clean close, so every sequence still ends with a known outcome.
 */

export interface RandomFrameOutcome {
  readonly write: readonly RawFrame[]
  /** Text the echo route answers (the complete message's text), binary it echoes, or a pong. */
  readonly reply?: { readonly text: string } | { readonly binary: readonly number[] } | { readonly pong: readonly number[] }
  readonly end:
    | { readonly kind: 'close'; readonly code: number }
    | { readonly kind: 'fail'; readonly codes: readonly number[]; readonly why: string }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const utf8 = new TextEncoder()

/** Whether `bytes` can still begin valid UTF-8 (an incomplete last character is fine). */
function validPrefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true })
    return true
  } catch {
    return false
  }
}

function decode(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return undefined
  }
}

const randomFrame: fc.Arbitrary<FrameFields> = fc.record({
  fin: fc.boolean(),
  rsv: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 7 }) }),
  opcode: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(Opcode.TEXT, Opcode.BINARY, Opcode.CLOSE, Opcode.PING, Opcode.PONG) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 15 }) },
  ),
  mask: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  payload: fc.oneof(
    fc.uint8Array({ maxLength: 200 }),
    fc.json({ maxDepth: 2 }).map((text) => utf8.encode(text)),
    fc
      .tuple(fc.integer({ min: 0, max: 5100 }), fc.string({ maxLength: 20 }))
      .map(([code, reason]) => new Uint8Array(closePayload(code, reason))),
  ),
})

const KNOWN = new Set<number>([Opcode.CONTINUATION, Opcode.TEXT, Opcode.BINARY, Opcode.CLOSE, Opcode.PING, Opcode.PONG])
const clean: RawFrame = { opcode: Opcode.CLOSE, payload: closePayload(1000) }

interface FrameFields {
  readonly fin: boolean
  readonly rsv: number
  readonly opcode: number
  readonly mask: boolean
  readonly payload: Uint8Array
}

function outcome(frame: FrameFields): RandomFrameOutcome {
  const { fin, rsv, opcode, mask, payload } = frame
  const sent: RawFrame = { opcode, payload, fin, rsv, mask }
  const fail = (why: string, code: number): RandomFrameOutcome => ({ write: [sent], end: { kind: 'fail', codes: [code], why } })
  const accepted = (reply?: RandomFrameOutcome['reply']): RandomFrameOutcome => ({
    write: [sent, clean],
    ...(reply ? { reply } : {}),
    end: { kind: 'close', code: 1000 },
  })
  if (!mask) return fail('unmasked', 1002)
  if (rsv !== 0) return fail(`RSV ${rsv}`, 1002)
  if (!KNOWN.has(opcode)) return fail(`opcode ${opcode}`, 1002)
  if (opcode === Opcode.CONTINUATION) return fail('continuation of nothing', 1002)
  if (opcode >= Opcode.CLOSE && (!fin || payload.length > 125)) return fail(`control frame, fin ${fin}, ${payload.length} bytes`, 1002)
  if (opcode === Opcode.PING) return accepted({ pong: [...payload] })
  if (opcode === Opcode.PONG) return accepted()
  if (opcode === Opcode.CLOSE) {
    if (payload.length === 0) return { write: [{ ...sent, payload: closePayload(1000) }], end: { kind: 'close', code: 1000 } }
    if (payload.length === 1) return fail('1-byte close', 1002)
    const code = (payload[0]! << 8) | payload[1]!
    if (!isSendableCloseCode(code)) return fail(`close code ${code}`, 1002)
    if (decode(payload.subarray(2)) === undefined) return fail('close reason not UTF-8', 1007)
    return { write: [sent], end: { kind: 'close', code } }
  }
  // Data frames: without FIN the message is incomplete, and our close ends it unanswered. A text
  // fragment that is already invalid UTF-8 may fail the connection at once (§8.1 lets a server fail
  // fast, as Deno does) or wait for the rest (ws, Bun): either end is RFC 6455's.
  if (!fin && opcode === Opcode.TEXT && !validPrefix(payload)) {
    return { write: [sent, clean], end: { kind: 'fail', codes: [1007, 1000], why: 'text fragment not UTF-8 (fail fast, or our close)' } }
  }
  if (!fin) return accepted()
  if (opcode === Opcode.BINARY) return accepted({ binary: [...payload] })
  const text = decode(payload)
  return text === undefined ? fail('text not UTF-8', 1007) : accepted({ text })
}

export const randomFrameEnding: fc.Arbitrary<RandomFrameOutcome> = randomFrame.map(outcome)
