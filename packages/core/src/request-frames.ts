import { errorCodes, toErrorFrame, WsError, type WsErrorCode, type WsIssue } from './errors.js'

/**
 * Request/response frames, both directions (see control-frames.ts for the `"~"` convention and
 * docs/requests.md for the protocol). Ids are chosen by the asker and unique per connection and
 * direction, so a client's request 1 and the server's request 1 never meet.
 *
 * - `{"~":"req","id":1,"n":"add","d":<data>,"s":"<session>"}`: ask. `s` (optional) is the client's
 *   session id: with it the server runs the handler at most once per `(s, id)` and replays its reply.
 * - `{"~":"res","id":1,"d":<reply>}`: the reply.
 * - `{"~":"res","id":1,"e":{"code":"VALIDATION_FAILED","message":"…","issues":[…]}}`: an error reply.
 * - `{"~":"cancel","id":1}`: the asker gave up (its signal aborted, or its timeout passed).
 *
 * Every frame starts with `{"~":"req"`, `{"~":"res"` or `{"~":"cancel"` exactly: that prefix is how
 * both sides recognise one without parsing user messages twice.
 */

export const REQUEST_PREFIX = '{"~":"req"'
export const REPLY_PREFIX = '{"~":"res"'
export const CANCEL_PREFIX = '{"~":"cancel"'
export const CHUNK_PREFIX = '{"~":"chunk"'
export const MORE_PREFIX = '{"~":"more"'

/** The default `timeout` of `request()` on both sides, in milliseconds. */
export const DEFAULT_REQUEST_TIMEOUT = 10_000

export interface RequestFrame {
  readonly '~': 'req'
  readonly id: number
  readonly n: string
  readonly d?: unknown
  readonly s?: string
  /** A stream request's first window: how many chunks the server may send before it waits for `more`. */
  readonly w?: number
}

export interface ErrorBody {
  readonly code: string
  readonly message: string
  readonly issues?: readonly WsIssue[]
}

export interface ReplyFrame {
  readonly '~': 'res'
  readonly id: number
  readonly d?: unknown
  readonly e?: ErrorBody
}

export interface CancelFrame {
  readonly '~': 'cancel'
  readonly id: number
}

/** One chunk of a streaming reply (the stream ends with a reply frame: `d` absent, or `e`). */
export interface ChunkFrame {
  readonly '~': 'chunk'
  readonly id: number
  readonly d?: unknown
}

/** The asker took chunks: the server may send `w` more (credit-based flow control). */
export interface MoreFrame {
  readonly '~': 'more'
  readonly id: number
  readonly w: number
}

export type RequestProtocolFrame = RequestFrame | ReplyFrame | CancelFrame | ChunkFrame | MoreFrame

/** True when `text` may be a request, reply or cancel frame (one char compare for ordinary messages). */
export function isRequestProtocolText(text: string): boolean {
  return (
    text.charCodeAt(2) === 126 /* ~ */ &&
    (text.startsWith(REQUEST_PREFIX) ||
      text.startsWith(REPLY_PREFIX) ||
      text.startsWith(CANCEL_PREFIX) ||
      text.startsWith(CHUNK_PREFIX) ||
      text.startsWith(MORE_PREFIX))
  )
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
/** A window is 1 to 2^16 chunks: a peer cannot grant itself an unbounded buffer on the other side. */
const isWindow = (value: unknown): value is number => isId(value) && value >= 1 && value <= MAX_STREAM_WINDOW

/** The largest window a stream frame may grant (`w` of `req` and `more`). */
export const MAX_STREAM_WINDOW = 65_536

/** Checks a parsed frame's shape; undefined when it is malformed (the caller answers VALIDATION_FAILED). */
export function asRequestProtocolFrame(value: unknown): RequestProtocolFrame | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const frame = value as { '~'?: unknown; id?: unknown; n?: unknown; s?: unknown; e?: unknown; w?: unknown }
  if (!isId(frame.id)) return undefined
  switch (frame['~']) {
    case 'req':
      return typeof frame.n === 'string' &&
        (frame.s === undefined || typeof frame.s === 'string') &&
        (frame.w === undefined || isWindow(frame.w))
        ? (value as RequestFrame)
        : undefined
    case 'res':
      return frame.e === undefined || isErrorBody(frame.e) ? (value as ReplyFrame) : undefined
    case 'cancel':
    case 'chunk':
      return value as CancelFrame | ChunkFrame
    case 'more':
      return isWindow(frame.w) ? (value as MoreFrame) : undefined
    default:
      return undefined
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false
  const body = value as { code?: unknown; message?: unknown; issues?: unknown }
  return typeof body.code === 'string' && typeof body.message === 'string' && (body.issues === undefined || Array.isArray(body.issues))
}

export function requestFrame(id: number, name: string, data: unknown, session?: string, window?: number): string {
  const frame: RequestFrame =
    session === undefined ? { '~': 'req', id, n: name, d: data } : { '~': 'req', id, n: name, d: data, s: session }
  return JSON.stringify(window === undefined ? frame : { ...frame, w: window })
}

export function chunkFrame(id: number, data: unknown): string {
  return `{"~":"chunk","id":${id}${data === undefined ? '' : `,"d":${JSON.stringify(data)}`}}`
}

export function moreFrame(id: number, window: number): string {
  return `{"~":"more","id":${id},"w":${window}}`
}

export function replyFrame(id: number, data: unknown): string {
  // `d` is left out for undefined (JSON has none); the asker reads a missing `d` as undefined.
  return `{"~":"res","id":${id}${data === undefined ? '' : `,"d":${JSON.stringify(data)}`}}`
}

/** An error reply: what `toErrorFrame` would show (internals never leak), keyed to the request. */
export function errorReplyFrame(id: number, thrown: unknown): string {
  const { type: _type, ...body } = toErrorFrame(thrown)
  return JSON.stringify({ '~': 'res', id, e: body })
}

export function cancelFrame(id: number): string {
  return `{"~":"cancel","id":${id}}`
}

/** The WsError an error reply stands for (an unknown code from a foreign peer becomes INTERNAL). */
export function errorFromReply(body: ErrorBody): WsError {
  const code: WsErrorCode = Object.hasOwn(errorCodes, body.code) ? (body.code as WsErrorCode) : 'INTERNAL'
  return new WsError(code, body.message, body.issues ? { issues: body.issues, expose: true } : { expose: true })
}
