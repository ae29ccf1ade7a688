import { errorCodes, type WsErrorCode } from '@wsbridge/core'
import fc from 'fast-check'
import { expect } from 'vitest'
import { fuzzParams, fuzzTimeout } from '../../fuzz/settings.js'
import { anyCloseCode, closeReason, expectSendableClose, isSendableCloseCode, utf8Length } from '../../fuzz/text.js'
import { closePayload, Opcode, RawWebSocket } from '../../raw-frames.js'
import { expectedRefusalClose, type FuzzRefusal, refusalInput } from '../../fuzz/refusals.js'
import { fuzzCase } from './invariants.js'

const RUNS = 60
const TIMEOUT = fuzzTimeout(RUNS * 2, 30)
const CLOSING_CODES: ReadonlySet<string> = new Set(['INVALID_JSON', 'VALIDATION_FAILED', 'UNKNOWN_TYPE', 'TOO_DEEP'])
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

type Request = { how: 'close'; code: number; reason: string } | { how: 'throw'; code: WsErrorCode; message: string }
const request: fc.Arbitrary<Request> = fc.oneof(
  fc.record({ how: fc.constant('close' as const), code: anyCloseCode, reason: closeReason }),
  fc.record({
    how: fc.constant('throw' as const),
    code: fc.constantFrom(...(Object.keys(errorCodes) as WsErrorCode[])),
    message: closeReason,
  }),
)
const refusal = refusalInput(false)

/** The first thing the server sent: a close (code and strictly decoded reason) or a JSON text frame. */
async function firstAnswer(raw: RawWebSocket): Promise<{ close: { code: number; reason: string } } | { text: unknown }> {
  const deadline = Date.now() + 3000
  while (raw.frames.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2))
  const frame = raw.frames[0]
  if (!frame) throw new Error('no answer within 3 s')
  if (frame.opcode === Opcode.TEXT) return { text: JSON.parse(frame.payload.toString('utf8')) as unknown }
  expect(frame.opcode).toBe(Opcode.CLOSE)
  expect(frame.payload.length, 'close payload').toBeGreaterThanOrEqual(2)
  // A reason cut inside a character is not UTF-8: a browser would fail the connection (1007) instead.
  return { close: { code: frame.payload.readUInt16BE(0), reason: strictUtf8.decode(frame.payload.subarray(2)) } }
}

function closeOf(answer: Awaited<ReturnType<typeof firstAnswer>>): { code: number; reason: string } {
  expect(answer, 'a close frame, not a text frame').toHaveProperty('close')
  return (answer as { close: { code: number; reason: string } }).close
}

/** Any code and any reason (every script, lone surrogates, any length) through every close path the runtime carries out. */
export const closeReasonsCase = fuzzCase({
  name: 'fuzz: connection.close, a thrown WsError and an auth close with any code and reason send a valid code and ≤123 bytes cut between characters; the host stays up',
  surface: 'close-reasons',
  timeout: TIMEOUT,
  async run(ctx, each) {
    await fc.assert(
      fc.asyncProperty(
        request,
        each(async (req: Request) => {
          const raw = await RawWebSocket.open(ctx.running.wsUrl, `${ctx.prefix}/fuzzCloser`)
          try {
            raw.sendText(JSON.stringify(req))
            const answer = await firstAnswer(raw)
            if (req.how === 'throw') {
              if (CLOSING_CODES.has(req.code)) expectSendableClose(closeOf(answer), errorCodes[req.code].close, req.message)
              else expect(answer).toMatchObject({ text: { type: 'error', code: req.code } })
            } else if ('close' in answer) {
              expect(isSendableCloseCode(req.code), `sent although ${req.code} is no close code`).toBe(true)
              expectSendableClose(answer.close, req.code, req.reason)
            } else {
              // docs/errors.md: INVALID_CLOSE_CODE is thrown to the handler for a bad code or an over-long reason.
              expect(!isSendableCloseCode(req.code) || utf8Length(req.reason) > 123, 'a sendable close was refused').toBe(true)
              expect(answer).toMatchObject({ text: { type: 'error', code: 'INVALID_CLOSE_CODE' } })
              raw.send({ opcode: Opcode.CLOSE, payload: closePayload(1000) })
            }
          } finally {
            raw.destroy()
          }
        }),
      ),
      fuzzParams(RUNS, TIMEOUT / 2),
    )
    await fc.assert(
      fc.asyncProperty(
        refusal,
        each(async (spec: FuzzRefusal) => {
          const raw = await RawWebSocket.open(ctx.running.wsUrl, `${ctx.prefix}/fuzzRefuser?r=${encodeURIComponent(JSON.stringify(spec))}`)
          try {
            const answer = await firstAnswer(raw)
            const expected = expectedRefusalClose(spec)
            expectSendableClose(closeOf(answer), expected.code, expected.reason)
          } finally {
            raw.destroy()
          }
        }),
      ),
      fuzzParams(RUNS, TIMEOUT / 2),
    )
  },
})
