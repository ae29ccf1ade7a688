import { WsError } from '../errors.js'
import type { AuthRejection, UpgradeContext } from '../upgrade.js'

type MaybePromise<T> = T | Promise<T>

/** Where `tokenAuth` looks for the token. */
export type TokenSource =
  | {
      /** The query string (the default): works from browsers, which cannot set headers on a WebSocket. */
      readonly from?: 'query'
      /** The query parameter's name; default `token`. */
      readonly param?: string
    }
  | {
      /** A `Bearer` header, for server-side clients. */
      readonly from: 'header'
      /** The header's name; default `authorization`. */
      readonly header?: string
    }
  | {
      /** A cookie, sent by browsers on same-site upgrades. */
      readonly from: 'cookie'
      /** The cookie's name. */
      readonly cookieName: string
    }
  | {
      /** A subprotocol (`new WebSocket(url, ['app', 'bearer.<token>'])`); the other offered protocol is echoed. */
      readonly from: 'protocol'
      /** The protocol's prefix before the token; default `bearer.`. */
      readonly prefix?: string
    }
  | {
      /** Your own function reads the token from the upgrade request. */
      readonly from: 'custom'
      /** Returns the token, or nothing to refuse with 401. */
      readonly extract: (request: UpgradeContext<any>) => string | null | undefined
    }

/**
 * An auth hook that also tells the bridge which offered subprotocol to echo.
 *
 * An intersection on purpose, not an interface with a call signature. TypeScript defers a call to
 * a generic function whose declared return type is an object type with a call signature (its
 * higher-order inference, `SkipGenericFunctions`) in the first inference pass of the enclosing call.
 * Inside `defineRoute({ auth: tokenAuth(...), messages: { ... } })` the handlers are then typed,
 * which fixes the auth type parameter, before `tokenAuth(...)` has given it any inference, and
 * `connection.user` became `undefined`. An intersection is not such an object type, so the call is
 * inferred in the first pass (pinned by test/auth-inference.test-d.ts).
 */
export type WsAuthHook<U> = ((request: UpgradeContext<any>) => Promise<U | AuthRejection>) & {
  /** Picks the subprotocol to echo; never the one that carried a credential. */
  readonly selectProtocol?: (offered: readonly string[]) => string | undefined
}

const DEFAULT_PROTOCOL_PREFIX = 'bearer.'

/**
 * Token auth at upgrade. `verify` gets the token and returns user data (typed into
 * `connection.user`) or `null`/`undefined`/`false` to refuse with 401. A missing token is a 401
 * without calling `verify`. A `verify` that throws is treated as an invalid token: the client
 * gets a plain 401 and never the exception, while `onRefused` and the log get it as the refusal's
 * cause, blamed on the server (a WsError('FORBIDDEN') thrown on purpose gives 403).
 *
 * @example tokenAuth(async (token) => sessions.get(token))                 // ?token=...
 * @example tokenAuth(verifyJwt, { from: 'header' })                        // Authorization: Bearer ...
 * @example tokenAuth(verifyJwt, { from: 'protocol' })                      // new WebSocket(url, ['app', 'bearer.<token>'])
 */
export function tokenAuth<U>(
  verify: (token: string, request: UpgradeContext<any>) => MaybePromise<U | AuthRejection | null | undefined | false>,
  source: TokenSource = {},
): WsAuthHook<U> {
  const hook = async (request: UpgradeContext<any>): Promise<U | AuthRejection> => {
    const token = extractToken(request, source)
    if (!token) return { success: false, code: 401, reason: 'Missing token' }
    let user: U | AuthRejection | null | undefined | false
    try {
      user = await verify(token, request)
    } catch (error) {
      if (error instanceof WsError && (error.code === 'FORBIDDEN' || error.code === 'UNAUTHORIZED')) throw error
      // Still a plain 401 for the client, but what verify threw travels as the cause: onRefused
      // and the log see a failing auth backend as the server's failure, with its stack.
      throw new WsError('UNAUTHORIZED', 'Invalid token', { cause: error })
    }
    if (user === null || user === undefined || user === false) return { success: false, code: 401, reason: 'Invalid token' }
    return user
  }
  if (source.from !== 'protocol') return hook
  const prefix = source.prefix ?? DEFAULT_PROTOCOL_PREFIX
  // Browsers fail a handshake whose response names no protocol when they offered some, so echo
  // the first non-credential protocol (or the credential itself if that is all the client sent).
  const selectProtocol = (offered: readonly string[]): string | undefined => offered.find((p) => !p.startsWith(prefix)) ?? offered[0]
  return Object.assign(hook, { selectProtocol })
}

/** The explicit "public route" marker: every upgrade is accepted, `user` is undefined (the bridge recognises it by identity). */
export const noAuth = (): undefined => undefined

function extractToken(request: UpgradeContext<any>, source: TokenSource): string | null | undefined {
  // A token refresh on a live connection carries the new token itself.
  if (request.token !== undefined) return request.token
  switch (source.from) {
    case undefined:
    case 'query':
      return request.query[source.param ?? 'token']
    case 'header': {
      const value = request.headers[(source.header ?? 'authorization').toLowerCase()]
      const match = value === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(value)
      return match?.[1]
    }
    case 'cookie':
      return readCookie(request.headers['cookie'], source.cookieName)
    case 'protocol': {
      const prefix = source.prefix ?? DEFAULT_PROTOCOL_PREFIX
      return request.protocols.find((p) => p.startsWith(prefix))?.slice(prefix.length)
    }
    case 'custom':
      return source.extract(request)
  }
  return undefined
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq !== -1 && part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim()
      try {
        return decodeURIComponent(raw)
      } catch {
        return raw
      }
    }
  }
  return undefined
}
