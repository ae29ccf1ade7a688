import type { ClientManifest } from './types.js'

/** What a connection needs to know of its route at runtime. */
export interface RouteTarget {
  /** The route's key, for error messages. */
  readonly name: string
  readonly path: string
  /** `format: 'text'`: strings are sent and received unchanged (no JSON). */
  readonly text: boolean
}

interface RouteLike {
  readonly path?: unknown
  readonly format?: unknown
}

/**
 * Where route `name` lives, from whichever the client was given: the routes object itself, a
 * manifest (`routeManifest(routes)`, generated or served), or the older `paths` map. A name the
 * routes object or the manifest does not know is an error at the call, never a guessed `/<name>`
 * that would meet a 404 and reconnect forever.
 */
export function routeTarget(
  name: string,
  routes: Readonly<Record<string, RouteLike>> | undefined,
  manifest: ClientManifest | undefined,
  paths: Readonly<Record<string, string>> | undefined,
): RouteTarget {
  const source = routes ?? manifest
  if (source !== undefined) {
    if (!Object.hasOwn(source, name)) {
      const where = routes
        ? 'the routes passed to setupBridge'
        : 'the manifest passed to setupBridge (regenerate it from routeManifest(routes))'
      throw new TypeError(`[wsbridge] no route named ${JSON.stringify(name)} in ${where}`)
    }
    const route = source[name]!
    return { name, path: typeof route.path === 'string' ? route.path : `/${name}`, text: route.format === 'text' }
  }
  const path = paths && Object.hasOwn(paths, name) ? paths[name] : undefined
  return { name, path: path ?? `/${name}`, text: false }
}
