import { compilePath, matchPath, splitPathname, type CompiledPath } from './path.js'
import { assertRoute, type AnyRoute, type Routes } from './route.js'

/**
 * The route an upgrade's URL resolved to, with its key, parsed URL, path params and query; what
 * `bridge.match` returns and an adapter's own routing may use.
 */
export interface RouteMatch {
  /** The route's key in the routes object. */
  readonly name: string
  /** The matched route's definition. */
  readonly route: AnyRoute
  /** The upgrade URL, parsed. */
  readonly url: URL
  /** Path parameters, decoded; an absent optional one is undefined. */
  readonly params: Readonly<Record<string, string | undefined>>
  /** Query parameters, one value per key. */
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

  const prefixParts = splitPathname(prefix)

  return {
    /**
     * Whether `rawUrl`'s path is under the prefix (segment by segment, as routes match; with no
     * prefix, every path): an upgrade there that matches no route is this bridge's to refuse.
     */
    owns: (rawUrl: string): boolean => ownsPath(prefixParts, rawUrl),

    match(rawUrl: string): RouteMatch | undefined {
      const url = parseTarget(rawUrl)
      if (!url) return undefined
      // Fetch-style runtimes (Bun, Hono) hand over the request's http(s) URL: `connection.url` is ws(s) everywhere.
      if (url.protocol === 'http:' || url.protocol === 'https:') url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:'
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

function ownsPath(prefixParts: readonly string[], rawUrl: string): boolean {
  if (prefixParts.length === 0) return true
  const url = parseTarget(rawUrl)
  if (!url) return false
  const parts = splitPathname(url.pathname)
  return prefixParts.every((part, i) => parts[i] === part)
}

/** Whether `rawUrl`'s path is under `prefix` (a bridge's normalised prefix), as a router for it decides. */
export function isUnderPrefix(prefix: string, rawUrl: string): boolean {
  return ownsPath(splitPathname(prefix), rawUrl)
}

// An absolute URL's scheme and authority (`http://host:port`).
const AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i

/**
 * An upgrade request's target as a URL; routing reads only its path and query. A relative target
 * is a path: `//a/b` (or `/\a/b`) resolved against a base would name host `a`, and the route would
 * then depend on whether the adapter had a Host header to make the URL absolute. For the same
 * reason an absolute URL whose authority does not parse (a Host header such as `.0` put into it)
 * still routes by its path.
 */
function parseTarget(rawUrl: string): URL | undefined {
  try {
    return rawUrl.startsWith('/') ? new URL(RELATIVE_BASE + rawUrl) : new URL(rawUrl, RELATIVE_BASE)
  } catch {
    const path = rawUrl.replace(AUTHORITY, '')
    if (path === rawUrl) return undefined
    try {
      return new URL(RELATIVE_BASE + (path.startsWith('/') ? path : `/${path}`))
    } catch {
      return undefined
    }
  }
}

function toMatch(compiled: CompiledRoute, url: URL, params: Record<string, string | undefined>): RouteMatch {
  const query: Record<string, string> = {}
  // First value wins for repeated keys; the full list stays available on `url.searchParams`.
  // Most upgrade URLs have no query: reading searchParams would build a URLSearchParams for nothing.
  if (url.search !== '') for (const [key, value] of url.searchParams) if (!Object.hasOwn(query, key)) setQuery(query, key, value)
  return { name: compiled.name, route: compiled.route, url, params, query }
}

/**
 * `query[key] = value`, except that `?__proto__=x` must become an own string property: assigning
 * would call Object.prototype's `__proto__` setter, which ignores a string, so the value was lost
 * and `query.__proto__` read as an object.
 */
function setQuery(query: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(query, key, { value, enumerable: true, writable: true, configurable: true })
  else query[key] = value
}
