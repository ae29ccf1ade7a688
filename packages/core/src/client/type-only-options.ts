import type { BridgeClientOptions, RoutePathOf, TypesOf } from './types.js'

/** Keys of routes with their own `path`: the type-only form needs those patterns at runtime. */
type CustomPathKeys<R> = { [K in keyof R & string]: string extends RoutePathOf<R[K]> ? never : K }[keyof R & string]
/** Keys of text routes: the type-only form needs to know at runtime that they are text. */
type TextKeys<R> = { [K in keyof R & string]: TypesOf<R[K]> extends { readonly format: 'text' } ? K : never }[keyof R & string]

/**
 * A manifest for routes `R`: an entry for every route, so one made from other routes is a compile
 * error. `format` is any string so an imported JSON file (whose strings TypeScript widens) fits.
 */
export type ManifestFor<R> = {
  readonly [K in keyof R & string]: {
    /** The route's path pattern under the prefix. */
    readonly path: string
    /** `'text'` for a text route; JSON otherwise. */
    readonly format?: string
  }
}

/**
 * Options of the type-only form. `manifest` (from `routeManifest(routes)`) tells the client every
 * route's path and format, and makes an unknown route name an error at the call. Without it, routes
 * with a custom `path` must be listed in `paths` (only the route's exact pattern type-checks), and
 * text routes cannot be used (nothing at runtime would say they are text).
 */
export type TypeOnlyOptions<R> = BridgeClientOptions &
  (
    | {
        /** Every route's path and format, from `routeManifest(routes)`. */
        readonly manifest: ManifestFor<R>
        /** Not with a manifest: it already has every path. */
        readonly paths?: undefined
      }
    | ([TextKeys<R>] extends [never]
        ? [CustomPathKeys<R>] extends [never]
          ? {
              /** Without a manifest, every route is at `/<key>`. */
              readonly manifest?: undefined
              /** Nothing to list: no route has its own `path`. */
              readonly paths?: {}
            }
          : {
              /** Without a manifest, the routes with their own `path` are listed in `paths`. */
              readonly manifest?: undefined
              /** The exact pattern of every route with its own `path`, by route key. */
              readonly paths: { readonly [K in CustomPathKeys<R>]: RoutePathOf<R[K]> }
            }
        : never)
  )
