/**
 * The security half of the defaults table (see limits.ts for the whole table and docs/security.md
 * for the reasoning behind each value). Every field can be set on the bridge (top level or under
 * `limits`) and overridden per route in `limits`.
 */

/** What happens to a message that arrives faster than the rate limit allows. */
export type RateLimitPolicy = 'close' | 'error'

/**
 * The per-connection message rate limit (`rateLimit` in the security limits): a token bucket of
 * `messages` per `interval`, and what happens to a message over it.
 */
export interface RateLimitOptions {
  /** Messages allowed per `interval`, refilled continuously (token bucket). */
  readonly messages: number
  /** Window in milliseconds. @default 1000 */
  readonly interval?: number
  /** Bucket size: how many messages may arrive back to back. @default messages */
  readonly burst?: number
  /** `'close'` closes with 1008; `'error'` drops the message and sends a RATE_LIMITED error frame. @default 'close' */
  readonly policy?: RateLimitPolicy
}

/** `'drop'` discards frames for a client over the limit; `'close'` closes it with 1013 (policy code). */
export type BackpressurePolicy = 'drop' | 'close'

/**
 * permessage-deflate settings (`compression` in the security limits): whether to negotiate it, and
 * the size under which messages go out uncompressed anyway.
 */
export interface CompressionOptions {
  /** Negotiate permessage-deflate. @default false */
  readonly enabled: boolean
  /** Outgoing messages smaller than this many bytes are sent uncompressed. @default 1024 */
  readonly threshold?: number
}

/** Origins allowed to open a socket from a browser, on top of the request's own host. */
export type OriginRule = string | RegExp | ((origin: string) => boolean)

/**
 * The protections a bridge or route applies to every connection: heartbeat, backpressure policy,
 * rate limit, connection caps, allowed origins, compression and close timeout. Set any of them in
 * `createBridge` options or on a route; `defaultSecurityLimits` holds the defaults.
 */
export interface SecurityLimits {
  /** Milliseconds between server pings; a peer that has not answered by the next ping is terminated (onClose gets 1006). `false`/0 disables. */
  readonly heartbeat: number | false
  /** What happens once `backpressureLimit` bytes are queued for a slow client. */
  readonly backpressurePolicy: BackpressurePolicy
  /** Per-connection message rate limit. `false` disables. */
  readonly rateLimit: RateLimitOptions | false
  /** Open connections allowed (bridge-wide on the bridge, for that route on a route). 0 = unlimited. */
  readonly maxConnections: number
  /** Open connections allowed from one IP address. 0 = unlimited (set it to 0 behind a proxy that hides client IPs). */
  readonly maxConnectionsPerIp: number
  /** `'*'` allows any Origin; otherwise browsers must come from the request's host or match a rule. */
  readonly allowedOrigins: '*' | readonly OriginRule[]
  /** permessage-deflate. `true` is `{ enabled: true }`. Decompressed messages are still bounded by maxPayloadLength. */
  readonly compression: CompressionOptions | boolean
  /** Milliseconds a closing handshake may take before the socket is dropped. */
  readonly closeTimeout: number
}

/**
 * The security limits a bridge uses for what its options leave out (30 s heartbeat, drop on
 * backpressure, 1000 messages/s, same-origin browsers only, no compression, …); see docs/limits.md.
 */
export const defaultSecurityLimits: SecurityLimits = {
  heartbeat: 30_000,
  backpressurePolicy: 'drop',
  rateLimit: { messages: 1000, interval: 1000, policy: 'close' },
  maxConnections: 100_000,
  maxConnectionsPerIp: 1_000,
  allowedOrigins: [],
  compression: false,
  closeTimeout: 5_000,
}

export const DEFAULT_COMPRESSION_THRESHOLD = 1024

/** `true` → `{ enabled: true, threshold: 1024 }`; `false` → disabled. */
export function normalizeCompression(option: CompressionOptions | boolean | undefined): Required<CompressionOptions> {
  if (option === undefined || option === false) return { enabled: false, threshold: DEFAULT_COMPRESSION_THRESHOLD }
  if (option === true) return { enabled: true, threshold: DEFAULT_COMPRESSION_THRESHOLD }
  return { enabled: option.enabled, threshold: option.threshold ?? DEFAULT_COMPRESSION_THRESHOLD }
}

/** Heartbeat interval in ms, 0 when off. */
export function heartbeatInterval(option: number | false): number {
  return option === false || !(option > 0) ? 0 : option
}
