import type { QueryInput } from './types.js'

/**
 * Turns `baseUrl` into a ws(s) URL. Relative bases resolve against `location` in browsers
 * (http→ws, https→wss), so `/api` works on any host the page was served from.
 */
export function resolveBaseUrl(baseUrl: string): URL {
  const location = (globalThis as { location?: { href: string } }).location
  let url: URL
  try {
    url = location ? new URL(baseUrl, location.href) : new URL(baseUrl)
  } catch {
    throw new TypeError(
      `[wsbridge] baseUrl ${JSON.stringify(baseUrl)} is relative and there is no location to resolve it against: use ws://host/path`,
    )
  }
  if (url.protocol === 'http:') url.protocol = 'ws:'
  else if (url.protocol === 'https:') url.protocol = 'wss:'
  else if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    throw new TypeError(`[wsbridge] baseUrl must be ws(s) or http(s), got ${url.protocol}`)
  return url
}

/**
 * `base + pattern` with `:param` segments filled (encoded) and missing optional ones left out;
 * every argument that is not a path parameter, and every `extraQuery` entry, goes to the query string.
 */
export function buildRouteUrl(base: URL, pattern: string, args: QueryInput, extraQuery: QueryInput): string {
  const used = new Set<string>()
  const segments: string[] = []
  for (const segment of pattern.split('/')) {
    if (segment === '') continue
    if (!segment.startsWith(':')) {
      segments.push(segment)
      continue
    }
    const optional = segment.endsWith('?')
    const name = segment.slice(1, optional ? -1 : undefined)
    used.add(name)
    const value = Object.hasOwn(args, name) ? args[name] : undefined
    if (value === undefined || value === null) {
      if (optional) continue
      throw new TypeError(`[wsbridge] missing path parameter "${name}" for ${pattern}`)
    }
    segments.push(encodePathValue(name, String(value), pattern))
  }
  const url = new URL(base.href)
  const basePath = url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname
  url.pathname = `${basePath}/${segments.join('/')}`
  for (const source of [extraQuery, args]) {
    for (const [key, value] of Object.entries(source)) {
      if (used.has(key) || value === undefined || value === null) continue
      url.searchParams.set(key, String(value))
    }
  }
  return url.href
}

// Lone UTF-16 surrogates: encodeURIComponent throws on them, URLSearchParams sends U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * One path segment. `''`, `.` and `..` cannot be carried in a path (an empty segment is skipped by
 * the server, so the next value takes its place; dot segments are resolved away by every URL parser,
 * encoded or not), so they are refused rather than reaching another route or other params. Lone
 * surrogates become U+FFFD, as they do in the query string.
 */
function encodePathValue(name: string, value: string, pattern: string): string {
  if (value === '' || value === '.' || value === '..') {
    throw new TypeError(`[wsbridge] path parameter "${name}" of ${pattern} cannot be ${JSON.stringify(value)}: a URL path cannot carry it`)
  }
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'))
}
