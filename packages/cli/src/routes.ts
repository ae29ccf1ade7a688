import type { AnyRoute, Routes } from '@wsbridge/core'

/** One route as the generators see it: its key, path pattern and parameters. */
export interface RouteInfo {
  /** The route's key in the routes object. */
  readonly name: string
  /** The route's definition. */
  readonly route: AnyRoute
  /** The path below the prefix: the route's `path`, or `/<name>`. */
  readonly path: string
  /** The path's parameters in order; `optional` for `:param?`. */
  readonly params: readonly {
    /** The parameter's name, without `:` or `?`. */
    readonly name: string
    /** Written `:param?`: the URL may leave it out. */
    readonly optional: boolean
  }[]
}

/** Routes in definition order with their resolved paths; throws on anything that is not a ws route. */
export function listRoutes(routes: Routes): RouteInfo[] {
  return Object.entries(routes).map(([name, route]) => {
    if (typeof route !== 'object' || route === null || route.kind !== 'ws')
      throw new TypeError(`[wsbridge/cli] "${name}" is not a route from defineRoute()`)
    const path: string = route.path ?? `/${name}`
    const params = path
      .split('/')
      .filter((segment) => segment.startsWith(':'))
      .map((segment) => ({ name: segment.slice(1).replace(/\?$/, ''), optional: segment.endsWith('?') }))
    return { name, route, path, params }
  })
}

/** Accepts a routes object or a bridge (anything with `.routes` and `.authorize`). */
export function toRoutes(value: unknown): Routes {
  if (typeof value === 'object' && value !== null && 'authorize' in value && 'routes' in value) return (value as { routes: Routes }).routes
  if (typeof value !== 'object' || value === null) throw new TypeError('[wsbridge/cli] expected a routes object or a bridge')
  return value as Routes
}
