import type { AcceptedUpgrade } from './bridge-types.js'
import { isProduction } from './environment.js'
import type { ConnectionHost, ConnectionSite } from './connection-host.js'
import { resolveLimits, type Limits } from './limits.js'
import { routeTopic } from './pubsub/topics.js'
import type { Routes } from './route.js'
import { guardPolicy } from './security/guard.js'
import { isTextRoute } from './text-route.js'

/** What a bridge resolves per route on first use and keeps, so handshakes and connections (of type `C`) share it. */
export interface RouteSites<C> {
  /** The limits a route's upgrades get: the bridge's, or one object per route with the route's own over them. */
  limitsFor(name: string, route: Routes[string]): Limits
  /** The site a connection of `accepted` joins (connection-host.ts). */
  siteFor(accepted: AcceptedUpgrade): ConnectionSite<C>
}

/** `validateOutput` is the bridge's option: the default for routes that set none. */
export function createRouteSites<C>(base: Limits, host: ConnectionHost<C>, validateOutput: boolean | undefined): RouteSites<C> {
  const outputChecks = validateOutput ?? !isProduction()
  // A route with its own limits resolves them once, so its connections share one Limits object.
  const sites: Map<string, ConnectionSite<C>> = new Map()
  const resolvedLimits: Map<string, Limits> = new Map()

  function limitsFor(name: string, route: Routes[string]): Limits {
    if (!route.limits) return base
    let limits = resolvedLimits.get(name)
    if (!limits) resolvedLimits.set(name, (limits = resolveLimits(base, route.limits)))
    return limits
  }

  function siteFor(accepted: AcceptedUpgrade): ConnectionSite<C> {
    const name = accepted.match.name
    const site = sites.get(name)
    if (site && site.limits === accepted.limits && site.route === accepted.match.route) return site
    const route = accepted.match.route
    const created: ConnectionSite<C> = {
      name,
      topic: routeTopic(name),
      route,
      limits: accepted.limits,
      // A text route's check (strings only) is always on; see output-check.ts.
      validateOutput: isTextRoute(route) || ((route.validateOutput ?? outputChecks) && route.output !== undefined),
      text: isTextRoute(route),
      policy: guardPolicy(accepted.limits),
      host,
      instrumentation: host.instrumentation,
    }
    // Only the usual site is kept: an upgrade accepted with other limits gets a site of its own.
    if (!site) sites.set(name, created)
    return created
  }

  return { limitsFor, siteFor }
}
