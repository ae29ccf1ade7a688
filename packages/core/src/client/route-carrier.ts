// The `'~types'` carrier a route hands the client, and what the client reads out of it.

/**
 * What the client needs to know about a route, and nothing else: the `'~types'` carrier every
 * `defineRoute` result has (see RouteTypes in route.ts). Generated types files (`wsbridge types`)
 * declare the same shape, so clients in other repositories type `$ws` without the server's code.
 */
export interface ClientRoute {
  /** Type-only: what the client reads from a route; `undefined` at runtime. */
  readonly '~types'?:
    | {
        /** The route's path pattern (`/rooms/:roomId`), or `string` for the default `/<key>`. */
        readonly path: string
        /** How text frames are read: `'json'` (default) or `'text'`. */
        readonly format?: 'json' | 'text'
        /** What the client sends: the input schema's input, or the union of typed messages. */
        readonly client: unknown
        /** What the server sends: the output schema's output. */
        readonly server: unknown
        /** The requests the client may send: `{ name: { input, reply } }`. */
        readonly requests?: unknown
        /** The requests the server may send the client, answered by its handlers. */
        readonly clientRequests?: unknown
      }
    | undefined
}

/**
 * What the type-only client reads at runtime instead of the routes: each route's path and format.
 * `routeManifest(routes)` from `@wsbridge/core` makes it (strings only: generate it into a file or serve it).
 */
export type ClientManifest = {
  readonly [name: string]: {
    /** The route's path pattern under the prefix. */
    readonly path: string
    /** `'text'` for a text route; JSON otherwise. */
    readonly format?: string
  }
}

/** Route `R`'s `'~types'` carrier, without `undefined` (never for a value that is not a route). */
export type TypesOf<R> = R extends { readonly '~types'?: infer T } ? NonNullable<T> : never

/** The route's path pattern, or `string` when the route uses the default `/<key>`. */
export type RoutePathOf<R> =
  TypesOf<R> extends {
    /** The carrier's path pattern. */
    readonly path: infer P extends string
  }
    ? P
    : string
/** What `conn.send` accepts on route `R`: the input schema's input, or the union of typed messages. */
export type ClientMessageOf<R> =
  TypesOf<R> extends {
    /** The carrier's client message type. */
    readonly client: infer C
  }
    ? C
    : unknown
/** What `onMessage` receives on route `R` (narrow it by `type` for discriminated unions). */
export type ServerMessageOf<R> =
  TypesOf<R> extends {
    /** The carrier's server message type. */
    readonly server: infer S
  }
    ? S
    : unknown

/** Requests the client may send on route `R`: `{ name: { input, reply } }` (from the route's `requests`). */
export type RequestsOf<R> =
  TypesOf<R> extends {
    /** The carrier's request map. */
    readonly requests: infer Q
  }
    ? Q
    : {}
/** Requests the server may send on route `R`, answered by `requests` handlers in the connect options. */
export type ClientRequestsOf<R> =
  TypesOf<R> extends {
    /** The carrier's client request map. */
    readonly clientRequests: infer Q
  }
    ? Q
    : {}
