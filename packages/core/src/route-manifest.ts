import type { Routes } from './route.js'
import { isTextRoute } from './text-route.js'

type TypesOf<R> = R extends { readonly '~types'?: infer T } ? NonNullable<T> : never
type PathOf<R, K extends string> = TypesOf<R> extends { readonly path: infer P extends string } ? (string extends P ? `/${K}` : P) : `/${K}`
type FormatOfRoute<R> = TypesOf<R> extends { readonly format: infer F extends 'json' | 'text' } ? F : 'json'

/** One route as the client needs it at runtime: where it lives and how its text frames are read. */
export interface RouteManifestEntry<P extends string = string, F extends 'json' | 'text' = 'json' | 'text'> {
  /** The route's URL pattern under the prefix (`/rooms/:roomId`, or `/<key>` without a `path`). */
  readonly path: P
  /** How its text frames are read: `'json'` (the default) or `'text'`. */
  readonly format: F
}

/** What `routeManifest(routes)` returns: every route's path (literal) and format, and nothing else. */
export type RouteManifest<R> = {
  readonly [K in keyof R & string]: RouteManifestEntry<PathOf<R[K], K>, FormatOfRoute<R[K]>>
}

/**
 * The routes as the typed client needs them at runtime: a plain object of strings (each route's path,
 * `/<key>` when it has none, and its format), safe to `JSON.stringify` into a generated file or an
 * HTTP response. A client set up with only `typeof routes` takes it as `manifest`, so no path is
 * written twice and no server code reaches the client bundle (docs/client.md).
 */
export function routeManifest<const R extends Routes>(routes: R): RouteManifest<R> {
  const manifest: Record<string, RouteManifestEntry> = {}
  for (const [name, route] of Object.entries(routes)) {
    manifest[name] = { path: route.path ?? `/${name}`, format: isTextRoute(route) ? 'text' : 'json' }
  }
  return manifest as RouteManifest<R>
}
