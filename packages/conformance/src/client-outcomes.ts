import type { WsErrorCode } from '@wsbridge/core'
import type { HostCapabilities } from './host.js'
import { Opcode, type RawFrame } from './raw-frames.js'

/**
 * Every outcome a client can cause, as data: what the client does, the code the hooks see, what
 * the client gets back, and the line the default logger writes. The outcomes group runs each row
 * on every host over real sockets, and docs/errors.md's table is rendered from it (a test fails
 * when the two differ), so the table promises exactly what the suite proves.
 */

/** How a case produces the outcome. Paths are under the prefix; `<t>` is a fresh token per attempt. */
export type Provocation =
  /** Raw frames on a fresh connection to `route`. */
  | { readonly kind: 'frames'; readonly route: string; readonly frames: readonly RawFrame[] }
  /** Asks `route` for more than the client reads (`{ count, size }`), and does not read. */
  | { readonly kind: 'slow-reader'; readonly route: string }
  /** An upgrade request to `path`; `hold` connections to the same route are opened first. */
  | {
      readonly kind: 'upgrade'
      readonly route: string | undefined
      readonly path: string
      readonly headers?: Readonly<Record<string, string>>
      readonly hold?: number
    }

export type Answer =
  | { readonly kind: 'error-frame' }
  /** `orDrop`: a peer that reads nothing may see the TCP connection end instead (closeTimeout). */
  | { readonly kind: 'close'; readonly code: number; readonly orDrop?: boolean }
  | { readonly kind: 'http'; readonly status: number }

export interface ClientOutcome {
  /** What the client does, as the docs table says it. */
  readonly input: string
  readonly code: WsErrorCode
  /** `onRefused` for refused upgrades (with `onError` too when `blame` is 'server'), else `onError`. */
  readonly hook: 'onError' | 'onRefused'
  readonly blame: 'client' | 'server'
  readonly answer: Answer
  readonly level: 'warn' | 'error' | 'debug'
  /** The default logger's line; `<route>`, `<id>`, `<path>`, `<ip>`, `<origin>` stand for the attempt's values. */
  readonly log: string
  /** The line comes with the thrown error (its stack): the server failed. */
  readonly stack?: boolean
  readonly needs?: keyof HostCapabilities
  readonly provoke: Provocation
}

const text = (payload: string | Uint8Array, extra: Partial<RawFrame> = {}): RawFrame => ({ opcode: Opcode.TEXT, payload, ...extra })
const closeFrame = (payload: Uint8Array): RawFrame => ({ opcode: Opcode.CLOSE, payload })
const onConnection = (code: WsErrorCode, message: string) => `[wsbridge] ${code} route=<route> connection=<id>: ${message}`
const refused = (answer: string, code: WsErrorCode, message: string, origin = false) =>
  `[wsbridge] refused ${answer} ${code} path=<path> ip=<ip> route=<route>${origin ? ' origin=<origin>' : ''}: ${message}`

function message(input: string, code: WsErrorCode, answer: Answer, text: string, provoke: Provocation): ClientOutcome {
  return { input, code, hook: 'onError', blame: 'client', answer, level: 'warn', log: onConnection(code, text), provoke }
}

function violation(input: string, close: number, words: string, frames: readonly RawFrame[]): ClientOutcome {
  return message(input, 'PROTOCOL_ERROR', { kind: 'close', code: close }, words, { kind: 'frames', route: 'outcomeEcho', frames })
}

const errorFrame: Answer = { kind: 'error-frame' }
const http = (status: number): Answer => ({ kind: 'http', status })

export const clientOutcomes: readonly ClientOutcome[] = [
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
  violation('an unmasked frame', 1002, 'Client frame is not masked', [text('{}', { mask: false })]),
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
  {
    input: 'an upgrade without a valid token',
    ...refusal('UNAUTHORIZED', http(401), 'debug', refused('401', 'UNAUTHORIZED', 'Invalid token')),
    provoke: { kind: 'upgrade', route: 'outcomeAuth', path: '/outcome-auth/<t>?token=wrong' },
  },
  {
    input: 'an upgrade whose `verify` throws (a database down)',
    ...refusal('UNAUTHORIZED', http(401), 'error', refused('401', 'UNAUTHORIZED', 'Invalid token')),
    blame: 'server',
    stack: true,
    provoke: { kind: 'upgrade', route: 'outcomeAuth', path: '/outcome-auth/<t>?token=boom' },
  },
  {
    input: 'an upgrade `auth` refuses with 403',
    ...refusal('FORBIDDEN', http(403), 'debug', refused('403', 'FORBIDDEN', 'Not your room')),
    provoke: { kind: 'upgrade', route: 'outcomeAuth', path: '/outcome-auth/<t>?token=forbidden' },
  },
  {
    input: "an upgrade without a valid token, `authFailure: 'close'`",
    ...refusal('UNAUTHORIZED', { kind: 'close', code: 4401 }, 'debug', refused('close 4401', 'UNAUTHORIZED', 'Invalid token')),
    provoke: { kind: 'upgrade', route: 'outcomeAuthClose', path: '/outcome-auth-close/<t>?token=wrong' },
  },
  {
    input: 'an upgrade from an `Origin` outside `allowedOrigins`',
    ...refusal('ORIGIN_NOT_ALLOWED', http(403), 'warn', refused('403', 'ORIGIN_NOT_ALLOWED', 'Origin not allowed', true)),
    provoke: { kind: 'upgrade', route: 'outcomeOrigin', path: '/outcome-origin/<t>', headers: { origin: 'https://evil.example' } },
  },
  {
    input: 'an upgrade for no route under the prefix',
    ...refusal('ROUTE_NOT_FOUND', http(404), 'debug', '[wsbridge] refused 404 ROUTE_NOT_FOUND path=<path> ip=<ip>: Not found'),
    provoke: { kind: 'upgrade', route: undefined, path: '/outcome-none/<t>' },
  },
  {
    input: 'an upgrade past `maxConnections`',
    ...refusal('TOO_MANY_CONNECTIONS', http(503), 'warn', refused('503', 'TOO_MANY_CONNECTIONS', 'Too many connections')),
    provoke: { kind: 'upgrade', route: 'outcomeCapped', path: '/outcome-capped/<t>', hold: 1 },
  },
  {
    input: 'an upgrade without `Sec-WebSocket-Key`',
    ...refusal('INVALID_HANDSHAKE', http(400), 'debug', refused('400', 'INVALID_HANDSHAKE', 'Missing or invalid Sec-WebSocket-Key header')),
    provoke: { kind: 'upgrade', route: 'outcomeEcho', path: '/outcomeEcho?t=<t>', headers: { 'sec-websocket-key': '' } },
  },
  {
    input: 'an upgrade whose request target is not valid URI syntax (a `%` without two hex digits, a `\\`)',
    ...refusal('INVALID_HANDSHAKE', http(400), 'debug', refused('400', 'INVALID_HANDSHAKE', 'Invalid request target')),
    provoke: { kind: 'upgrade', route: 'outcomeEcho', path: '/outcomeEcho?t=<t>&x=%zz' },
  },
  {
    input: 'an upgrade with a `Sec-WebSocket-Version` other than 13',
    ...refusal('UNSUPPORTED_VERSION', http(426), 'debug', refused('426', 'UNSUPPORTED_VERSION', 'Unsupported WebSocket version')),
    provoke: { kind: 'upgrade', route: 'outcomeEcho', path: '/outcomeEcho?t=<t>', headers: { 'sec-websocket-version': '8' } },
  },
]

function refusal(code: WsErrorCode, answer: Answer, level: ClientOutcome['level'], log: string) {
  return { code, hook: 'onRefused' as const, blame: 'client' as const, answer, level, log }
}
