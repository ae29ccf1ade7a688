import { errorCodes, WsError, type ErrorBlame, type WsErrorCode } from './errors.js'
import type { UpgradeRequest } from './upgrade.js'

/**
 * An upgrade wsbridge refused, as `onRefused` and the logger see it. Every refusal reaches the
 * hook exactly once, on every adapter: the HTTP answers before the upgrade (401, 403, 404, 400,
 * 500, 503) and the closes right after it (`authFailure: 'close'`, a connection cap reached while
 * the upgrade was in flight).
 */
export interface WsRefusal {
  /** UNAUTHORIZED, FORBIDDEN, ORIGIN_NOT_ALLOWED, TOO_MANY_CONNECTIONS, ROUTE_NOT_FOUND, INVALID_HANDSHAKE, or INTERNAL (a hook threw). */
  readonly code: WsErrorCode
  /** The HTTP status answered; with `closeCode`, the status the same refusal has before an upgrade. */
  readonly status: number
  /** Set when the upgrade was accepted and closed at once instead of answered with `status`. */
  readonly closeCode?: number
  /** What the client was told: the response body or the close reason. */
  readonly message: string
  /** The refusal as an error; when an auth or context hook threw, what it threw is the `cause`. */
  readonly error: WsError
  /**
   * `'server'` when a hook threw (a `verify` whose database is down, a context hook's bug): the
   * client was refused because the server failed. Logged as an error with the stack, and also
   * reported to `onError`. `'client'` for every other refusal.
   */
  readonly blame: ErrorBlame
  /** The matched route's key; undefined when no route matched (ROUTE_NOT_FOUND). */
  readonly route: string | undefined
  /** The request's path, without the query string (queries often carry tokens). */
  readonly path: string
  /** The peer's address as the runtime reports it ('' when unknown). */
  readonly ip: string
  /** The request's `Origin` header, when it had one. */
  readonly origin: string | undefined
  /** The request's `Host` header, when it had one (with `origin`, what an origin check compared). */
  readonly host?: string | undefined
}

export interface RefusalDetails {
  readonly route?: string | undefined
  readonly closeCode?: number | undefined
  /** What the client is told, when not the error's message (a hook's failure is answered with the table's message). */
  readonly message?: string | undefined
}

// Base for relative upgrade URLs; only the path is read from it.
const RELATIVE_BASE = 'ws://localhost'

function pathOf(url: string | URL): string {
  if (typeof url !== 'string') return url.pathname
  try {
    return new URL(url, RELATIVE_BASE).pathname
  } catch {
    return url.split('?', 1)[0] ?? ''
  }
}

function headerOf(headers: UpgradeRequest['headers'], name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const value = (headers as Readonly<Record<string, string | string[] | undefined>>)[name]
  return Array.isArray(value) ? value.join(', ') : value
}

/**
 * A hook failed the server's way when it threw something other than a deliberate WsError: a
 * WsError('INTERNAL'), or a WsError carrying a thrown value as its cause (tokenAuth's "Invalid
 * token" for a `verify` that threw).
 */
export function hookBlame(error: WsError): ErrorBlame {
  return error.code === 'INTERNAL' || (error.cause !== undefined && !(error.cause instanceof WsError)) ? 'server' : 'client'
}

/** Describes a refusal of `request` for `error`. */
export function describeRefusal(
  request: { readonly url: string | URL; readonly headers: UpgradeRequest['headers']; readonly ip?: string | undefined },
  error: WsError,
  blame: ErrorBlame,
  details: RefusalDetails = {},
): WsRefusal {
  const base = {
    code: error.code,
    status: error.status,
    // An unexposed error (a hook's own failure) is answered with the table's message only.
    message: details.message ?? (error.expose ? error.message : errorCodes[error.code].message),
    error,
    blame,
    route: details.route,
    path: pathOf(request.url),
    ip: request.ip ?? '',
    origin: headerOf(request.headers, 'origin'),
    host: headerOf(request.headers, 'host'),
  }
  return details.closeCode === undefined ? base : { ...base, closeCode: details.closeCode }
}
