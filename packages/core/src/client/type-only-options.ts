import type { BridgeClientOptions, RoutePathOf, TypesOf } from './types.js'

/** Keys of routes with their own `path`: the type-only form needs those patterns at runtime. */
type CustomPathKeys<R> = { [K in keyof R & string]: string extends RoutePathOf<R[K]> ? never : K }[keyof R & string]
/** Keys of text routes: the type-only form needs to know at runtime that they are text. */
type TextKeys<R> = { [K in keyof R & string]: TypesOf<R[K]> extends { readonly format: 'text' } ? K : never }[keyof R & string]

/**
 * A manifest for routes `R`: an entry for every route, so one made from other routes is a compile
 * error. `format` is any string so an imported JSON file (whose strings TypeScript widens) fits.
 */
export type ManifestFor<R> = { readonly [K in keyof R & string]: { readonly path: string; readonly format?: string } }

/**
 * Options of the type-only form. `manifest` (from `routeManifest(routes)`) tells the client every
 * route's path and format, and makes an unknown route name an error at the call. Without it, routes
 * with a custom `path` must be listed in `paths` (only the route's exact pattern type-checks), and
 * text routes cannot be used (nothing at runtime would say they are text).
 */
export type TypeOnlyOptions<R> = BridgeClientOptions &
  (
    | { readonly manifest: ManifestFor<R>; readonly paths?: undefined }
    | ([TextKeys<R>] extends [never]
        ? [CustomPathKeys<R>] extends [never]
          ? { readonly manifest?: undefined; readonly paths?: {} }
          : { readonly manifest?: undefined; readonly paths: { readonly [K in CustomPathKeys<R>]: RoutePathOf<R[K]> } }
        : never)
  )
