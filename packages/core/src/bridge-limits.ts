import type { BridgeOptions } from './bridge-types.js'
import { resolveLimits, type Limits, type RouteLimits } from './limits.js'
import type { Routes } from './route.js'
import { serverWideLimit } from './security/handshake-limits.js'
import { normalizeCompression, type CompressionOptions } from './security/options.js'

/** A bridge's limits and the values a runtime takes once per server, resolved once by createBridge. */
export interface BridgeLimits {
  /** The bridge's own limits: `limits` over the top-level limit names. A route's own limits layer on these. */
  readonly base: Limits
  /** Every route's own `limits`, in route order (undefined where a route sets none). */
  readonly routeLimits: readonly (RouteLimits | undefined)[]
  readonly maxPayloadLength: number
  readonly compression: Required<CompressionOptions>
  readonly maxFragments: number
  readonly handshakeTimeout: number
}

export function resolveBridgeLimits(routes: Routes, options: BridgeOptions): BridgeLimits {
  const {
    prefix: _prefix,
    limits: bridgeLimits,
    onError: _onError,
    onRefused: _onRefused,
    logger: _logger,
    logLimit: _logLimit,
    validateOutput: _validateOutput,
    pubsub: _pubsub,
    ...topLevelLimits
  } = options
  const base = resolveLimits(topLevelLimits, bridgeLimits)
  const routeLimits = Object.values(routes).map((route) => route.limits)
  const compressions = [base.compression, ...routeLimits.map((limits) => limits?.compression)].map(normalizeCompression)
  return {
    base,
    routeLimits,
    maxPayloadLength: Math.max(base.maxPayloadLength, ...routeLimits.map((limits) => limits?.maxPayloadLength ?? 0)),
    compression: compressions.find((c) => c.enabled) ?? compressions[0]!,
    // ws takes one value per server; the Node upgrade guard one deadline for sockets no route has claimed yet.
    maxFragments: serverWideLimit(base, routeLimits, 'maxFragments'),
    handshakeTimeout: serverWideLimit(base, routeLimits, 'handshakeTimeout'),
  }
}
