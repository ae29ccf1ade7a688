import type { ParamsOf } from './path.js'

/** The upgrade request as every adapter can describe it, before any socket exists. */
export interface UpgradeRequest {
  /** Path and query (`/api/chat?x=1`) or an absolute URL. */
  readonly url: string
  /** Lower-cased header names. Adapters pass the runtime's headers; core normalises them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>> | Headers
  /** The peer's address as the runtime reports it. */
  readonly ip?: string | undefined
}

/** What auth and context hooks see at upgrade time. */
export interface UpgradeContext<P extends string = string> {
  /** The full upgrade URL. */
  readonly url: URL
  /** Upgrade request headers, lower-cased names, repeated headers joined. */
  readonly headers: Readonly<Record<string, string>>
  /** Client IP address as the runtime reports it. */
  readonly ip: string
  /** Path parameters, typed from the route's path. */
  readonly params: ParamsOf<P>
  /** Query string of the upgrade URL, one value per key: where browsers can put a token. */
  readonly query: Readonly<Record<string, string>>
  /** Subprotocols the client offered (`Sec-WebSocket-Protocol`), in order. */
  readonly protocols: readonly string[]
  /**
   * Set only when the hook runs for a token refresh on a live connection (`{"~":"auth","token"}`,
   * security/auth-refresh.ts): the new token. `tokenAuth` reads it in place of its source.
   */
  readonly token?: string
}

/** An explicit refusal: the vite plugin's `{ success: false, code, reason }` form. */
export interface AuthRejection {
  /** Marks the refusal (a plain `null`/`false` refuses with 401 too). */
  readonly success: false
  /** HTTP status (401, 403) when rejecting before upgrade, or a 4xxx close code after it. */
  readonly code?: number
  /** Shown to the client: the HTTP body before the upgrade, or the close reason after it. */
  readonly reason?: string
}

type MaybePromise<T> = T | Promise<T>

/**
 * Verifies an upgrade. Return user data to accept; `null`, `undefined`, `false` or an
 * AuthRejection to refuse; throw a WsError('FORBIDDEN') for 403.
 */
export type AuthHook<P extends string, U> = (request: UpgradeContext<P>) => MaybePromise<U | AuthRejection | null | undefined | false>

/**
 * What an auth hook returns, sync or async. As a type-parameter constraint it keeps `success: false`
 * a literal in un-annotated returns, so the rejection branch can be told apart from user data.
 */
export type AuthResult = MaybePromise<AuthRejection | AuthSuccess | {} | null | undefined>

/** The vite plugin's success envelope: `data` becomes `connection.user` (see security/auth-outcome.ts). */
export interface AuthSuccess {
  /** Always `true`: the credential was accepted. */
  readonly success: true
  /** Who the credential names: becomes `connection.user`. */
  readonly data: unknown
  /**
   * When the credential expires (epoch ms). The connection is closed with 4401 `Token expired` then,
   * unless a token refresh frame renews it first (docs/security.md, "Token expiry").
   */
  readonly expiresAt?: number
}

/** What an auth hook may return to refuse: falsy values or an AuthRejection-shaped object. */
type Refusal = null | undefined | false | { readonly success: false }

// `cond ? { id } : { success: false, code }` returns a normalised union whose members gain phantom
// optional keys (`{ id: string; success?: undefined; code?: undefined }`); drop those keys so the
// user type reads exactly as written. Types without phantom keys are returned untouched.
type PhantomKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? ([T[K]] extends [undefined] ? K : never) : never }[keyof T]
type WithoutPhantomKeys<T> = T extends object ? ([PhantomKeys<T>] extends [never] ? T : Omit<T, PhantomKeys<T>>) : T

/**
 * `connection.user` for an auth hook returning `A`: the awaited value with every refusal removed
 * (`null`, `undefined`, `false`, `{ success: false, ... }`) and a `{ success: true, data }` envelope
 * unwrapped to `data`. Routes without auth get `undefined`.
 */
export type UserOf<A> = [A] extends [undefined] ? undefined : WithoutPhantomKeys<UnwrapSuccess<Exclude<Awaited<A>, Refusal>>>

type UnwrapSuccess<T> = T extends { readonly success: true; readonly data: infer D } ? D : T

/** Builds the initial `connection.context` once auth has passed. */
export type ContextHook<P extends string, U, C> = (request: UpgradeContext<P> & { readonly user: U }) => MaybePromise<C>
