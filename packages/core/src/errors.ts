import { CloseCode } from './close-codes.js'

/**
 * Who caused an error. `'client'`: the peer sent something wsbridge refuses (bad JSON, a protocol
 * violation, too much, too fast, bad credentials): expected on any public server, logged as one
 * line without a stack. `'server'`: the application or its backends failed: logged with the stack.
 */
export type ErrorBlame = 'client' | 'server'

/**
 * Every error wsbridge produces or reports. `close` is the close code used when a route's policy
 * closes the connection for it, `status` the HTTP status when it refuses an upgrade, `message`
 * what a client is shown, `blame` who caused it (see ErrorBlame).
 */
export const errorCodes = {
  INVALID_JSON: { close: CloseCode.INVALID_PAYLOAD, status: 400, message: 'Message is not valid JSON', blame: 'client' },
  VALIDATION_FAILED: { close: CloseCode.INVALID_PAYLOAD, status: 400, message: 'Message failed validation', blame: 'client' },
  UNKNOWN_TYPE: { close: CloseCode.POLICY_VIOLATION, status: 400, message: 'Unknown message type', blame: 'client' },
  UNSUPPORTED_DATA: {
    close: CloseCode.UNSUPPORTED_DATA,
    status: 400,
    message: 'Binary messages are not accepted on this route',
    blame: 'client',
  },
  PAYLOAD_TOO_LARGE: { close: CloseCode.MESSAGE_TOO_BIG, status: 413, message: 'Message is too large', blame: 'client' },
  TOO_DEEP: { close: CloseCode.MESSAGE_TOO_BIG, status: 413, message: 'Message is nested too deeply', blame: 'client' },
  // 1002 is RFC 6455's protocol error: the runtime sends it (1007 for invalid UTF-8), never core.
  PROTOCOL_ERROR: { close: 1002, status: 400, message: 'WebSocket protocol violation', blame: 'client' },
  RATE_LIMITED: { close: CloseCode.POLICY_VIOLATION, status: 429, message: 'Too many messages', blame: 'client' },
  BACKPRESSURE: { close: CloseCode.TRY_AGAIN_LATER, status: 503, message: 'Client is not reading fast enough', blame: 'client' },
  INVALID_HANDSHAKE: { close: 1002, status: 400, message: 'Invalid WebSocket handshake', blame: 'client' },
  // 426 with `Sec-WebSocket-Version: 13` (RFC 6455 §4.4): what Bun's own upgrade answers, so every host answers it so.
  UNSUPPORTED_VERSION: { close: 1002, status: 426, message: 'Unsupported WebSocket version', blame: 'client' },
  UNAUTHORIZED: { close: CloseCode.UNAUTHORIZED, status: 401, message: 'Unauthorized', blame: 'client' },
  FORBIDDEN: { close: CloseCode.FORBIDDEN, status: 403, message: 'Forbidden', blame: 'client' },
  ORIGIN_NOT_ALLOWED: { close: CloseCode.POLICY_VIOLATION, status: 403, message: 'Origin not allowed', blame: 'client' },
  TOO_MANY_CONNECTIONS: { close: CloseCode.TRY_AGAIN_LATER, status: 503, message: 'Too many connections', blame: 'client' },
  // An auth or context hook still running after `handshakeTimeout` (a backend that hangs).
  HANDSHAKE_TIMEOUT: { close: CloseCode.TRY_AGAIN_LATER, status: 503, message: 'Handshake timed out', blame: 'server' },
  ROUTE_NOT_FOUND: { close: CloseCode.POLICY_VIOLATION, status: 404, message: 'Not found', blame: 'client' },
  CONNECTION_CLOSED: { close: CloseCode.NORMAL, status: 410, message: 'Connection is closed', blame: 'server' },
  PUBSUB_ERROR: { close: CloseCode.INTERNAL_ERROR, status: 503, message: 'Pub/sub backend error', blame: 'server' },
  INVALID_CLOSE_CODE: { close: CloseCode.INTERNAL_ERROR, status: 500, message: 'Invalid close code', blame: 'server' },
  OUTPUT_VALIDATION_FAILED: {
    close: CloseCode.INTERNAL_ERROR,
    status: 500,
    message: 'Server tried to send an invalid message',
    blame: 'server',
  },
  INTERNAL: { close: CloseCode.INTERNAL_ERROR, status: 500, message: 'Internal error', blame: 'server' },
  // Request/response (docs/requests.md): error replies and the asker's own rejections; they never close a connection.
  UNKNOWN_REQUEST: { close: CloseCode.POLICY_VIOLATION, status: 404, message: 'Unknown request', blame: 'client' },
  REQUEST_TIMEOUT: { close: CloseCode.TRY_AGAIN_LATER, status: 504, message: 'Request timed out', blame: 'server' },
  // The asker's own doing: reaches the hooks only when the server's own `connection.request` was cancelled and not caught.
  REQUEST_CANCELLED: { close: CloseCode.NORMAL, status: 499, message: 'Request cancelled', blame: 'server' },
} as const satisfies Record<
  string,
  { readonly close: number; readonly status: number; readonly message: string; readonly blame: ErrorBlame }
>

/**
 * Every error code wsbridge puts on the wire (`INVALID_JSON`, `UNAUTHORIZED`, `RATE_LIMITED`, …): the
 * keys of `errorCodes`, and what a client switches on in an error frame.
 */
export type WsErrorCode = keyof typeof errorCodes

/** One structured validation issue, as valibot reports it, safe to put on the wire. */
export interface WsIssue {
  readonly message: string
  readonly path?: readonly (string | number)[]
  readonly expected?: string | null
  readonly received?: string
}

export interface WsErrorOptions {
  /** The underlying error, kept as `error.cause` for logs; never sent to the client. */
  readonly cause?: unknown
  /** Validation issues sent in the error frame (path, message, expected, received). */
  readonly issues?: readonly WsIssue[]
  /** When true the message is shown to clients as-is. Defaults to true for every code but INTERNAL. */
  readonly expose?: boolean
}

/**
 * The error wsbridge raises and routes throw: a code from `errorCodes` (which fixes the close code,
 * HTTP status and default message), optional validation issues, and whether the message may be shown
 * to the client. Throw one from a handler or hook to send that error frame (or refuse the upgrade)
 * instead of a generic `INTERNAL`; anything else thrown becomes `INTERNAL` with its message hidden.
 */
export class WsError extends Error {
  /** Always `'WsError'`, so logs and `instanceof`-free checks can recognise it. */
  override readonly name = 'WsError'
  /** The code from `errorCodes`: fixes the close code, the HTTP status and the default message. */
  readonly code: WsErrorCode
  /** Validation issues, when the error is a failed validation. */
  readonly issues: readonly WsIssue[] | undefined
  /** Whether the message may be shown to clients (false only for INTERNAL by default). */
  readonly expose: boolean

  constructor(code: WsErrorCode, message?: string, options: WsErrorOptions = {}) {
    super(message ?? errorCodes[code].message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.issues = options.issues
    this.expose = options.expose ?? code !== 'INTERNAL'
  }

  /** The close code a route uses when its policy closes the connection for this error. */
  get closeCode(): number {
    return errorCodes[this.code].close
  }

  /** The HTTP status used when this error rejects an upgrade. */
  get status(): number {
    return errorCodes[this.code].status
  }

  /** Who caused it: `'client'` errors are logged as one line, `'server'` errors with the stack. */
  get blame(): ErrorBlame {
    return errorCodes[this.code].blame
  }

  /** Normalises anything thrown into a WsError, keeping the original as `cause` (and its stack). */
  static from(value: unknown): WsError {
    if (value instanceof WsError) return value
    const message = value instanceof Error ? value.message : typeof value === 'string' ? value : 'Unknown error'
    const error = new WsError('INTERNAL', message, { cause: value, expose: false })
    if (value instanceof Error && value.stack) error.stack = value.stack
    return error
  }
}

/** The error frame clients receive. Internals never leak: unexposed errors use the table's message. */
export interface ErrorFrame {
  readonly type: 'error'
  readonly code: WsErrorCode
  readonly message: string
  readonly issues?: readonly WsIssue[]
}

/**
 * Turns anything thrown into the error frame a client may see: a `WsError` keeps its code and issues
 * (and its message when `expose`), anything else becomes `INTERNAL` with the generic message, so
 * internal details never leak. Useful when a custom handler reports errors over its own channel.
 */
export function toErrorFrame(thrown: unknown): ErrorFrame {
  // Accepts anything thrown: the one place a value becomes what a client may see.
  const error = WsError.from(thrown)
  const message = error.expose ? error.message : errorCodes[error.code].message
  return error.issues ? { type: 'error', code: error.code, message, issues: error.issues } : { type: 'error', code: error.code, message }
}
