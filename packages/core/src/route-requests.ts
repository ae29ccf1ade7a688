import type { RequestDefinitions } from './requests-types.js'
import type { LifecycleHandlers, RouteConnection, RouteOptions } from './route.js'
import type { AnySchema } from './schema.js'
import type { AuthResult, UserOf } from './upgrade.js'

/** Schemas by request name, as `defineRoute` infers them. */
export type NamedSchemas = Record<string, AnySchema>

/** Request/response (requests-types.ts): what clients may ask (`requests`) and what the server may ask clients (`clientRequests`). */
export interface RouteRequestOptions<RI extends NamedSchemas, RO extends NamedSchemas, CR, TConn> {
  /** Requests clients send with `conn.request(name, data)`; the handler's return value is the reply. */
  readonly requests?: RequestDefinitions<RI, RO, TConn>
  /** Requests the server sends with `connection.request(name, data)`, answered by handlers on the client. */
  readonly clientRequests?: CR
}

/** A route that only answers requests (and may have lifecycle handlers); plain messages get UNKNOWN_TYPE. */
export interface RequestsOnlyRoute<P extends string, O, A extends AuthResult, C, RI extends NamedSchemas, RO extends NamedSchemas, CR>
  extends RouteOptions<P, undefined, O, A, C>,
    RouteRequestOptions<RI, RO, CR, RouteConnection<P, O, UserOf<A>, C, CR>> {
  /** The requests the route answers: the only messages it takes. */
  readonly requests: RequestDefinitions<RI, RO, RouteConnection<P, O, UserOf<A>, C, CR>>
  /** Never set: a requests-only route has no typed messages (plain ones get `UNKNOWN_TYPE`). */
  readonly messages?: undefined
  /** Lifecycle handlers only (`onOpen`, `onClose`, `onError`, …); no `onMessage`. */
  readonly handler?: LifecycleHandlers<RouteConnection<P, O, UserOf<A>, C, CR>>
}
