import type { WsErrorCode } from '@wsbridge/core'
import type { HostCapabilities } from './host.js'
import type { RawFrame } from './raw-frame-codec.js'

/**
 * One row of the client-outcomes table (client-outcomes.ts): what the client does, the code the
 * hooks see, what the client gets back, the line the default logger writes, and how a case
 * provokes it over a real socket.
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
  /** An error reply to a request (`{"~":"res","id","e":{code,…}}`, docs/requests.md); the connection stays open. */
  | { readonly kind: 'error-reply' }
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
