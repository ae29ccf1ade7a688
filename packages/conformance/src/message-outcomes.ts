import type { WsErrorCode } from '@wsbridge/core'
import type { Answer, ClientOutcome, Provocation } from './client-outcome.js'
import { Opcode, type RawFrame } from './raw-frame-codec.js'

/**
 * The outcomes a client causes on an open connection (client-outcomes.ts): messages the route
 * refuses, policy limits, and frames that break RFC 6455. The hooks see them through onError.
 */

const text = (payload: string | Uint8Array, extra: Partial<RawFrame> = {}): RawFrame => ({ opcode: Opcode.TEXT, payload, ...extra })
const closeFrame = (payload: Uint8Array): RawFrame => ({ opcode: Opcode.CLOSE, payload })
const onConnection = (code: WsErrorCode, message: string) => `[wsbridge] ${code} route=<route> connection=<id>: ${message}`

function message(input: string, code: WsErrorCode, answer: Answer, text: string, provoke: Provocation): ClientOutcome {
  return { input, code, hook: 'onError', blame: 'client', answer, level: 'warn', log: onConnection(code, text), provoke }
}

function violation(input: string, close: number, words: string, frames: readonly RawFrame[]): ClientOutcome {
  return message(input, 'PROTOCOL_ERROR', { kind: 'close', code: close }, words, { kind: 'frames', route: 'outcomeEcho', frames })
}

const errorFrame: Answer = { kind: 'error-frame' }

export const messageOutcomes: readonly ClientOutcome[] = [
  message('a text frame that is not JSON', 'INVALID_JSON', errorFrame, 'Message is not valid JSON', {
    kind: 'frames',
    route: 'outcomeEcho',
    frames: [text('{not json')],
  }),
  message("a message the route's `input` schema rejects", 'VALIDATION_FAILED', errorFrame, 'Message failed validation', {
    kind: 'frames',
    route: 'outcomeValidated',
    frames: [text('{"text":1}')],
  }),
  message('a `type` a typed route does not declare', 'UNKNOWN_TYPE', errorFrame, 'Unknown message type "nope"', {
    kind: 'frames',
    route: 'outcomeTyped',
    frames: [text('{"type":"nope"}')],
  }),
  message(
    'a request (`{"~":"req"}`) for a name the route does not answer',
    'UNKNOWN_REQUEST',
    { kind: 'error-reply' },
    'Unknown request "nope"',
    {
      kind: 'frames',
      route: 'outcomeTyped',
      frames: [text('{"~":"req","id":1,"n":"nope","d":null}')],
    },
  ),
  message('JSON nested deeper than `maxDepth`', 'TOO_DEEP', errorFrame, 'Message is nested too deeply', {
    kind: 'frames',
    route: 'outcomeDeep',
    frames: [text('[[[[[[1]]]]]]')],
  }),
  message('a message larger than `maxPayloadLength`', 'PAYLOAD_TOO_LARGE', { kind: 'close', code: 1009 }, 'Message is too large', {
    kind: 'frames',
    route: 'outcomePayload',
    frames: [text(`"${'x'.repeat(2048)}"`)],
  }),
  message(
    'a binary frame on a route without `onBinary`',
    'UNSUPPORTED_DATA',
    { kind: 'close', code: 1003 },
    'Binary messages are not accepted on this route',
    {
      kind: 'frames',
      route: 'outcomeEcho',
      frames: [{ opcode: Opcode.BINARY, payload: new Uint8Array([1, 2, 3]) }],
    },
  ),
  message(
    'more messages than `rateLimit` allows (policy `close`, the default)',
    'RATE_LIMITED',
    { kind: 'close', code: 1008 },
    'Too many messages',
    { kind: 'frames', route: 'outcomeRate', frames: Array.from({ length: 4 }, () => text('{}')) },
  ),
  message("more messages than `rateLimit` allows (policy `'error'`)", 'RATE_LIMITED', errorFrame, 'Too many messages', {
    kind: 'frames',
    route: 'outcomeRateError',
    frames: Array.from({ length: 4 }, () => text('{}')),
  }),
  message(
    'not reading while the server sends past `backpressureLimit` (policy `close`)',
    'BACKPRESSURE',
    { kind: 'close', code: 1013, orDrop: true },
    'Client is not reading fast enough',
    { kind: 'slow-reader', route: 'outcomeSlow' },
  ),
  {
    ...violation('an unmasked frame', 1002, 'Client frame is not masked', [text('{}', { mask: false })]),
    needs: 'strictFraming',
  },
  violation('a frame with RSV1, RSV2 or RSV3 set, no extension negotiated', 1002, 'Reserved bits set without an extension', [
    text('{}', { rsv: 2 }),
  ]),
  violation('an unknown opcode (3-7, 11-15)', 1002, 'Unknown opcode or continuation out of sequence', [{ opcode: 0x3, payload: 'x' }]),
  violation('a continuation frame with nothing to continue', 1002, 'Unknown opcode or continuation out of sequence', [
    { opcode: Opcode.CONTINUATION, payload: 'x' },
  ]),
  violation('a fragmented control frame', 1002, 'Fragmented or oversized control frame, or a close payload of 1 byte', [
    { opcode: Opcode.PING, payload: 'x', fin: false },
  ]),
  violation('a control frame over 125 bytes', 1002, 'Fragmented or oversized control frame, or a close payload of 1 byte', [
    { opcode: Opcode.PING, payload: 'x'.repeat(126) },
  ]),
  violation('a close frame with a 1-byte payload', 1002, 'Fragmented or oversized control frame, or a close payload of 1 byte', [
    closeFrame(new Uint8Array([0x03])),
  ]),
  violation('a close frame with a code RFC 6455 forbids (e.g. 1005, 999)', 1002, 'Invalid close code', [
    closeFrame(new Uint8Array([0x03, 0xed])),
  ]),
  violation('invalid UTF-8 in a text frame', 1007, 'Invalid UTF-8 in a text frame or close reason', [
    text(new Uint8Array([0x22, 0xc3, 0x28, 0x22])),
  ]),
  violation('invalid UTF-8 in a close reason', 1007, 'Invalid UTF-8 in a text frame or close reason', [
    closeFrame(new Uint8Array([0x03, 0xe8, 0xc3, 0x28])),
  ]),
]
