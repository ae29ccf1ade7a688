import { WsError } from '../errors.js'
import type { Limits, RouteLimits } from '../limits.js'
import { now } from './clock.js'

/** What a counted place is known by: an accepted upgrade's route, client address and route limits. */
export interface CountedPlace {
  readonly match: { readonly name: string; readonly route: { readonly limits?: RouteLimits | undefined } }
  readonly ip: string
  readonly limits: { readonly handshakeTimeout: number }
}

/** How long a place is held for an upgrade the adapter never opens when its route has no handshakeTimeout. */
const HOLD_WITHOUT_TIMEOUT_MS = 10_000

/**
 * Open-connection counts for `maxConnections` / `maxConnectionsPerIp`. The bridge's values cap the
 * whole bridge; a route that sets its own caps only its own connections.
 *
 * An upgrade takes its place when authorize accepts it, not when the socket opens: the runtime's
 * upgrade takes at least an event-loop turn, and a burst of upgrades checked against open
 * connections alone all passed before the first opened, so a flood past a cap was accepted and then
 * closed with 1013 instead of answered 503. `open` turns the held place into the connection's; an
 * upgrade the adapter never opens (the client left mid-handshake, the runtime failed) gives its
 * place back once its handshakeTimeout has passed, reclaimed the next time a cap is reached.
 */
export class ConnectionCounter {
  readonly #counts: Map<string, number> = new Map()
  readonly #bridge: Limits
  // Accepted upgrades not yet opened, with when their place is given back (core's clock).
  readonly #held: Map<CountedPlace, number> = new Map()
  // Upgrades abandoned mid-handshake would otherwise stay until a cap is reached: past this many
  // held places the expired ones are swept, and the mark doubles (amortised O(1) per upgrade).
  #sweepAt = 64

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

  /**
   * Counts one more connection under the caps; the refusal when a cap is full even after the places
   * of upgrades that never opened were given back.
   */
  take(place: CountedPlace): WsError | undefined {
    const { name, route } = place.match
    const refused = this.refusal(name, place.ip, route.limits)
    // Only at a cap is it worth looking for places whose upgrade never opened.
    const left = refused && this.#giveBackExpired() ? this.refusal(name, place.ip, route.limits) : refused
    if (!left) this.#count(name, place.ip, route.limits, 1)
    return left
  }

  /** Takes a place for an accepted upgrade until `claim` (or its deadline); the refusal when there is none. */
  hold(place: CountedPlace): WsError | undefined {
    if (this.#held.size >= this.#sweepAt) {
      this.#giveBackExpired()
      this.#sweepAt = Math.max(64, this.#held.size * 2)
    }
    const refused = this.take(place)
    if (!refused)
      this.#held.set(place, now() + (place.limits.handshakeTimeout > 0 ? place.limits.handshakeTimeout : HOLD_WITHOUT_TIMEOUT_MS))
    return refused
  }

  /** The upgrade is opening: true when it held a place, which is now the connection's. */
  claim(place: CountedPlace): boolean {
    return this.#held.delete(place)
  }

  /** Upgrades holding a place and not yet opened. */
  get holding(): number {
    return this.#held.size
  }

  add(route: string, ip: string, routeLimits: RouteLimits | undefined): void {
    this.#count(route, ip, routeLimits, 1)
  }

  remove(route: string, ip: string, routeLimits: RouteLimits | undefined): void {
    this.#count(route, ip, routeLimits, -1)
  }

  #giveBackExpired(): boolean {
    const at = now()
    let freed = false
    for (const [place, until] of this.#held) {
      if (until > at) continue
      this.#held.delete(place)
      this.#count(place.match.name, place.ip, place.match.route.limits, -1)
      freed = true
    }
    return freed
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
