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
    for (const [key, max] of this.#caps(route, ip, routeLimits)) {
      if (max > 0 && (this.#counts.get(key) ?? 0) >= max) return new WsError('TOO_MANY_CONNECTIONS')
    }
    return undefined
  }

  add(route: string, ip: string, routeLimits: RouteLimits | undefined): void {
    for (const [key] of this.#caps(route, ip, routeLimits)) this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1)
  }

  remove(route: string, ip: string, routeLimits: RouteLimits | undefined): void {
    for (const [key] of this.#caps(route, ip, routeLimits)) {
      const left = (this.#counts.get(key) ?? 1) - 1
      // Deleting at zero keeps the map from growing with every IP ever seen.
      if (left <= 0) this.#counts.delete(key)
      else this.#counts.set(key, left)
    }
  }

  #caps(route: string, ip: string, routeLimits: RouteLimits | undefined): [string, number][] {
    const caps: [string, number][] = [['*', this.#bridge.maxConnections]]
    if (ip !== '') caps.push([`ip ${ip}`, this.#bridge.maxConnectionsPerIp])
    if (routeLimits?.maxConnections !== undefined) caps.push([`route ${route}`, routeLimits.maxConnections])
    if (routeLimits?.maxConnectionsPerIp !== undefined && ip !== '') caps.push([`route ${route} ip ${ip}`, routeLimits.maxConnectionsPerIp])
    return caps
  }
}
