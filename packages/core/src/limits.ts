import { defaultSecurityLimits, type SecurityLimits } from './security/options.js'

/**
 * Safe defaults. One table, the same on every adapter; bridge options override them and route
 * `limits` override the bridge. Names from the seeds (maxPayloadLength, idleTimeout,
 * backpressureLimit) are used as-is.
 */
export interface Limits extends SecurityLimits {
  /** Largest incoming message in bytes. Bigger frames close the connection with 1009. */
  readonly maxPayloadLength: number
  /** Deepest JSON nesting accepted before parsing. Deeper messages get a TOO_DEEP error. */
  readonly maxDepth: number
  /** Seconds without any frame before the server closes the connection (0 disables). */
  readonly idleTimeout: number
  /** Bytes queued for a slow client before the backpressure policy applies. */
  readonly backpressureLimit: number
  /**
   * Most frames one message may arrive in (its first frame and continuations); more closes with
   * 1008 `Too many message fragments`. Enforced by the runtime, where it has such a cap (ws: one
   * value per server, the largest any route sets); Bun has none. 0 disables.
   */
  readonly maxFragments: number
  /**
   * Milliseconds an upgrade may take from the moment the adapter has the request until it is
   * answered: auth and context hooks included (a hook still running then is answered 503
   * `HANDSHAKE_TIMEOUT`), and on Node every socket handed to an upgrade listener that nobody
   * answered. 0 disables.
   */
  readonly handshakeTimeout: number
}

/** The limits one route overrides (`limits` on `defineRoute`); the rest come from the bridge. */
export type RouteLimits = Partial<Limits>

/**
 * The limits a bridge uses for what its options leave out (1 MiB payloads, depth 64, 120 s idle
 * timeout, 1 MiB backpressure, …); see docs/limits.md.
 */
export const defaultLimits: Limits = {
  maxPayloadLength: 1024 * 1024,
  maxDepth: 64,
  idleTimeout: 120,
  backpressureLimit: 1024 * 1024,
  // ws's own default: what Node hosts enforced before this was configurable.
  maxFragments: 16 * 1024,
  handshakeTimeout: 10_000,
  ...defaultSecurityLimits,
}

export function resolveLimits(...layers: readonly (RouteLimits | undefined)[]): Limits {
  return Object.assign({}, defaultLimits, ...layers.filter(Boolean)) as Limits
}
