import fc from 'fast-check'
import { closePayload, Opcode, type RawFrame } from '../raw-frames.js'
import { FUZZ_MAX_PAYLOAD } from '../routes/fuzz.js'
import { randomFrameEnding, type RandomFrameOutcome } from './random-frame.js'
import { anyText, validCloseCode, wellFormed } from './text.js'

/**
 * Frame sequences for the raw-frame fuzzer, each with the outcome RFC 6455 and docs/errors.md
 * give it on the `fuzzEcho` route: one reply per complete message (the echo, or an error frame),
 * a pong per ping, and at the end either our own clean close echoed back, or the connection failed
 * with the code the first violation calls for.
 */

/** What one complete message gets back. */
export type Reply = { readonly kind: 'text'; readonly value: unknown } | { readonly kind: 'binary'; readonly bytes: readonly number[] }

export interface Script {
  readonly writes: readonly (RawFrame | Uint8Array)[]
  readonly replies: readonly Reply[]
  readonly pongs: readonly (readonly number[])[]
  /** `close`: the client closed cleanly with `code`; `fail`: the server must fail the connection with one of `codes`. */
  readonly end:
    | { readonly kind: 'close'; readonly code: number }
    | { readonly kind: 'fail'; readonly codes: readonly number[]; readonly why: string }
  /** Where the bytes of all writes are cut into separate TCP writes (a parser must not care). */
  readonly chunks: readonly number[]
}

const utf8 = new TextEncoder()
const control = fc.record({ opcode: fc.constantFrom(Opcode.PING, Opcode.PONG), payload: fc.uint8Array({ maxLength: 125 }) })

/** Splits `bytes` into `cuts + 1` pieces at arbitrary offsets (a UTF-8 character may be cut: RFC 6455 allows it). */
function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  const pieces: Uint8Array[] = []
  let from = 0
  for (const point of points) {
    pieces.push(bytes.subarray(from, point))
    from = point
  }
  pieces.push(bytes.subarray(from))
  return pieces
}

/** The echo route's reply to a complete, valid UTF-8 text message within the size limit. */
function textReply(text: string): Reply {
  if (text === '{"~":"ping"}') return { kind: 'text', value: { '~': 'pong' } }
  try {
    const parsed: unknown = JSON.parse(text, (key, value: unknown) => (key === '__proto__' || key === 'constructor' ? undefined : value))
    return { kind: 'text', value: JSON.parse(JSON.stringify({ echo: parsed }) ?? 'null') }
  } catch {
    return { kind: 'text', value: { type: 'error', code: 'INVALID_JSON', message: 'Message is not valid JSON' } }
  }
}

interface MessageStep {
  readonly binary: boolean
  readonly text: string
  readonly bytes: Uint8Array
  readonly cuts: readonly number[]
  readonly controls: readonly { readonly opcode: number; readonly payload: Uint8Array }[]
}

const message: fc.Arbitrary<MessageStep> = fc.record({
  binary: fc.boolean(),
  text: fc.oneof(fc.json({ maxDepth: 4 }), anyText(40).map(wellFormed), fc.constant('{"~":"ping"}')),
  bytes: fc.uint8Array({ maxLength: 300 }),
  cuts: fc.array(fc.nat(), { maxLength: 3 }),
  controls: fc.array(control, { maxLength: 3 }),
})

type Step =
  | { readonly t: 'message'; readonly m: MessageStep }
  | { readonly t: 'control'; readonly opcode: number; readonly payload: Uint8Array }
  | {
      readonly t: 'end'
      readonly write: readonly (RawFrame | Uint8Array)[]
      readonly end: Script['end']
      readonly reply?: RandomFrameOutcome['reply']
    }

const fail = (why: string, codes: number[], ...write: (RawFrame | Uint8Array)[]): Step => ({
  t: 'end',
  write,
  end: { kind: 'fail', codes, why },
})
const badUtf8 = fc.constantFrom([0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0xe2, 0x82])
const text = (payload: Uint8Array | string, extra: Partial<RawFrame> = {}): RawFrame => ({ opcode: Opcode.TEXT, payload, ...extra })

/** How a sequence ends: our clean close, or one violation (RFC 6455 §5, §7.4, §8.1) or an oversized message. */
const ending: fc.Arbitrary<Step> = fc.oneof(
  fc
    .record({
      code: validCloseCode,
      reason: anyText(20)
        .map(wellFormed)
        .filter((r) => utf8.encode(r).length <= 123),
    })
    .map(({ code, reason }) => ({
      t: 'end' as const,
      write: [{ opcode: Opcode.CLOSE, payload: closePayload(code, reason) }],
      end: { kind: 'close' as const, code },
    })),
  fc.constant(fail('unmasked client frame', [1002], text('{}', { mask: false }))),
  fc.integer({ min: 1, max: 7 }).map((rsv) => fail(`reserved bits ${rsv}`, [1002], text('{}', { rsv }))),
  fc
    .constantFrom(3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf)
    .map((opcode) => fail(`reserved opcode ${opcode}`, [1002], { opcode, payload: 'x' })),
  fc
    .constantFrom(Opcode.PING, Opcode.PONG, Opcode.CLOSE)
    .map((opcode) => fail(`fragmented control ${opcode}`, [1002], { opcode, payload: '', fin: false })),
  fc
    .tuple(fc.constantFrom(Opcode.PING, Opcode.PONG), fc.integer({ min: 126, max: 400 }))
    .map(([opcode, n]) => fail(`control frame of ${n} bytes`, [1002], { opcode, payload: new Uint8Array(n) })),
  fc.constant(fail('continuation with nothing to continue', [1002], { opcode: Opcode.CONTINUATION, payload: 'x' })),
  fc
    .constantFrom(Opcode.TEXT, Opcode.BINARY)
    .map((opcode) => fail('new message inside a fragmented one', [1002], text('[1,', { fin: false }), { opcode, payload: '2]' })),
  fc.tuple(badUtf8, fc.boolean()).map(([bad, fragmented]) => {
    const bytes = Uint8Array.from([0x22, ...bad, 0x22])
    return fragmented
      ? fail('invalid UTF-8 across fragments', [1007], text(bytes.subarray(0, 2), { fin: false }), {
          opcode: Opcode.CONTINUATION,
          payload: bytes.subarray(2),
        })
      : fail('invalid UTF-8', [1007], text(bytes))
  }),
  fc.constant(fail('1-byte close payload', [1002], { opcode: Opcode.CLOSE, payload: new Uint8Array([0x03]) })),
  fc
    .constantFrom(0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535)
    .map((code) => fail(`close code ${code}`, [1002], { opcode: Opcode.CLOSE, payload: closePayload(code) })),
  badUtf8.map((bad) => fail('close reason not UTF-8', [1007], { opcode: Opcode.CLOSE, payload: Uint8Array.from([0x03, 0xe8, ...bad]) })),
  fc
    .tuple(fc.constantFrom(Opcode.TEXT, Opcode.BINARY), fc.constantFrom(FUZZ_MAX_PAYLOAD + 1, 65_535, 65_536, 70_000))
    .map(([opcode, n]) => fail(`${n}-byte message`, [1009], { opcode, payload: new Uint8Array(n).fill(0x20) })),
  // A 64-bit length no server can take: refused at once, not awaited.
  fc.constant(fail('2^62-byte length', [1009, 1002], Uint8Array.from([0x82, 0xff, 0x40, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]))),
  { weight: 4, arbitrary: randomFrameEnding.map((random): Step => ({ t: 'end', ...random })) },
)

/** Messages (fragmented, with pings and pongs between the fragments), lone control frames, then an ending. */
export const frameScript: fc.Arbitrary<Script> = fc
  .tuple(
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: message.map((m) => ({ t: 'message' as const, m })) },
        { weight: 1, arbitrary: control.map((c) => ({ t: 'control' as const, ...c })) },
      ),
      { maxLength: 5 },
    ),
    ending,
    fc.array(fc.nat(), { maxLength: 4 }),
  )
  .map(([steps, end, chunks]) => ({ ...compile([...steps, end]), chunks }))

function compile(steps: readonly Step[]): Omit<Script, 'chunks'> {
  const writes: (RawFrame | Uint8Array)[] = []
  const replies: Reply[] = []
  const pongs: number[][] = []
  const sendControl = (c: { opcode: number; payload: Uint8Array }): void => {
    writes.push({ opcode: c.opcode, payload: c.payload })
    if (c.opcode === Opcode.PING) pongs.push([...c.payload])
  }
  for (const step of steps) {
    if (step.t === 'end') {
      writes.push(...step.write)
      const reply = step.reply
      if (reply && 'text' in reply) replies.push(textReply(reply.text))
      else if (reply && 'binary' in reply) replies.push({ kind: 'binary', bytes: reply.binary })
      else if (reply) pongs.push([...reply.pong])
      return { writes, replies, pongs, end: step.end }
    }
    if (step.t === 'control') {
      sendControl(step)
      continue
    }
    const { binary, text: body, bytes, cuts, controls } = step.m
    const payload = binary ? bytes : utf8.encode(body)
    const pieces = split(payload, cuts)
    pieces.forEach((piece, i) => {
      writes.push({
        opcode: i === 0 ? (binary ? Opcode.BINARY : Opcode.TEXT) : Opcode.CONTINUATION,
        payload: piece,
        fin: i === pieces.length - 1,
      })
      const between = controls[i]
      if (between && i < pieces.length - 1) sendControl(between)
    })
    replies.push(binary ? { kind: 'binary', bytes: [...bytes] } : textReply(body))
  }
  throw new Error('[wsbridge/conformance] a frame script always ends')
}
