import { compilePath, matchPath, splitPathname, type CompiledPath } from './path.js'
import { assertRoute, type AnyRoute, type Routes } from './route.js'

export interface RouteMatch {
  /** The route's key in the routes object. */
  readonly name: string
  readonly route: AnyRoute
  readonly url: URL
  readonly params: Readonly<Record<string, string | undefined>>
  readonly query: Readonly<Record<string, string>>
}

interface CompiledRoute {
  readonly name: string
  readonly route: AnyRoute
  readonly path: CompiledPath
}

/** `'api/'` → `'/api'`, `''` and `'/'` → `''`. */
export function normalizePrefix(prefix: string | undefined): string {
  if (!prefix || prefix === '/') return ''
  const withSlash = prefix.startsWith('/') ? prefix : `/${prefix}`
  return withSlash.endsWith('/') ? withSlash.slice(0, -1) : withSlash
}

// Base for relative upgrade URLs (`/api/chat?x=1`); only path and query are ever read from it.
const RELATIVE_BASE = 'ws://localhost'

/**
 * The route table. Static routes resolve with one map lookup; parameterised routes are tried in
 * definition order. Keys come from a null-prototype map so `__proto__` can never be a route.
 */
export function createRouter(routes: Routes, prefix: string) {
  const statics: Map<string, CompiledRoute> = new Map()
  const dynamic: CompiledRoute[] = []
  for (const name of Object.keys(routes)) {
    const route = routes[name]
    assertRoute(route, name)
    const compiled: CompiledRoute = { name, route, path: compilePath(prefix + (route.path ?? `/${name}`)) }
    const isStatic = compiled.path.segments.every((s) => s.literal !== undefined)
    if (isStatic) statics.set(`/${compiled.path.segments.map((s) => s.literal).join('/')}`, compiled)
    else dynamic.push(compiled)
  }

  return {
    match(rawUrl: string): RouteMatch | undefined {
      let url: URL
      try {
        url = new URL(rawUrl, RELATIVE_BASE)
        // Fetch-style runtimes (Bun, Hono) hand over the request's http(s) URL: `connection.url` is ws(s) everywhere.
        if (url.protocol === 'http:' || url.protocol === 'https:') url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:'
      } catch {
        return undefined
      }
      const parts = splitPathname(url.pathname)
      const hit = statics.get(`/${parts.join('/')}`)
      if (hit) return toMatch(hit, url, {})
      for (const candidate of dynamic) {
        const params = matchPath(candidate.path, parts)
        if (params) return toMatch(candidate, url, params)
      }
      return undefined
    },
  }
}

function toMatch(compiled: CompiledRoute, url: URL, params: Record<string, string | undefined>): RouteMatch {
  const query: Record<string, string> = {}
  // First value wins for repeated keys; the full list stays available on `url.searchParams`.
  // Most upgrade URLs have no query: reading searchParams would build a URLSearchParams for nothing.
  if (url.search !== '') for (const [key, value] of url.searchParams) if (!Object.hasOwn(query, key)) query[key] = value
  return { name: compiled.name, route: compiled.route, url, params, query }
}
