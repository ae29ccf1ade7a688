import { WsError } from '../errors.js'
import type { Limits, RouteLimits } from '../limits.js'

/**
 * Open-connection counts for `maxConnections` / `maxConnectionsPerIp`. The bridge's values cap the
 * whole bridge; a route that sets its own caps only its own connections. Checked at upgrade (so
 * a refusal is an HTTP 503 with no socket) and counted at open.
 */
export class ConnectionCounter {
  readonly #counts: Map<string, number> = new Map()
  readonly #bridge: Limits

  constructor(bridgeLimits: Limits) {
    this.#bridge = bridgeLimits
  }

  /** A TOO_MANY_CONNECTIONS error when one more connection would exceed a cap, else undefined. */
  refusal(route: string, ip: string, routeLimits: RouteLimits | undefined): WsError | undefined {
    const bridge = this.#bridge
    const routeMax = routeLimits?.maxConnections ?? 0
    const routeIpMax = routeLimits?.maxConnectionsPerIp ?? 0
    const over =
      this.#atCap('*', bridge.maxConnections) ||
      (ip !== '' && bridge.maxConnectionsPerIp > 0 && this.#atCap(`ip ${ip}`, bridge.maxConnectionsPerIp)) ||
      (routeMax > 0 && this.#atCap(`route ${route}`, routeMax)) ||
      (ip !== '' && routeIpMax > 0 && this.#atCap(`route ${route} ip ${ip}`, routeIpMax))
    return over ? new WsError('TOO_MANY_CONNECTIONS') : undefined
  }

  add(route: string, ip: string, routeLimits: RouteLimits | undefined): void {
    this.#count(route, ip, routeLimits, 1)
  }

  remove(route: string, ip: string, routeLimits: RouteLimits | undefined): void {
    this.#count(route, ip, routeLimits, -1)
  }

  // Only capped keys are counted (a cap of 0 is unlimited, and caps never change for a bridge), and
  // no key or array is built for the others: this runs three times per handshake.
  #count(route: string, ip: string, routeLimits: RouteLimits | undefined, delta: 1 | -1): void {
    const bridge = this.#bridge
    if (bridge.maxConnections > 0) this.#bump('*', delta)
    if (ip !== '' && bridge.maxConnectionsPerIp > 0) this.#bump(`ip ${ip}`, delta)
    if ((routeLimits?.maxConnections ?? 0) > 0) this.#bump(`route ${route}`, delta)
    if (ip !== '' && (routeLimits?.maxConnectionsPerIp ?? 0) > 0) this.#bump(`route ${route} ip ${ip}`, delta)
  }

  #atCap(key: string, max: number): boolean {
    return max > 0 && (this.#counts.get(key) ?? 0) >= max
  }

  #bump(key: string, delta: 1 | -1): void {
    const left = (this.#counts.get(key) ?? 0) + delta
    // Deleting at zero keeps the map from growing with every IP ever seen.
    if (left <= 0) this.#counts.delete(key)
    else this.#counts.set(key, left)
  }
}
