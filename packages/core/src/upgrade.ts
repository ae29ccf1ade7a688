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
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly ip: string
  readonly params: ParamsOf<P>
  readonly query: Readonly<Record<string, string>>
  /** Subprotocols the client offered (`Sec-WebSocket-Protocol`), in order. */
  readonly protocols: readonly string[]
}

/** An explicit refusal: the vite plugin's `{ success: false, code, reason }` form. */
export interface AuthRejection {
  readonly success: false
  /** HTTP status (401, 403) when rejecting before upgrade, or a 4xxx close code after it. */
  readonly code?: number
  readonly reason?: string
}

type MaybePromise<T> = T | Promise<T>

/**
 * Verifies an upgrade. Return user data to accept; `null`, `undefined`, `false` or an
 * AuthRejection to refuse; throw a WsError('FORBIDDEN') for 403.
 */
export type AuthHook<P extends string, U> = (request: UpgradeContext<P>) => MaybePromise<U | AuthRejection | null | undefined | false>

/** Builds the initial `connection.context` once auth has passed. */
export type ContextHook<P extends string, U, C> = (request: UpgradeContext<P> & { readonly user: U }) => MaybePromise<C>
