import type { Connection } from './connection-types.js'
import type { ParamsOf } from './path.js'
import type { AnySchema, InputOf, OutputOf } from './schema.js'
import type { AuthHook, AuthResult, ContextHook, UpgradeContext, UserOf } from './upgrade.js'
import type { RouteLimits } from './limits.js'
import type { ResumeOptions } from './resume.js'
import type { AuthFailureMode } from './security/auth-outcome.js'
import type { AnyRequestDefinition, PairRequests, RequestSchemas, RequestTypesOf } from './requests-types.js'
import type { NamedSchemas, RequestsOnlyRoute, RouteRequestOptions } from './route-requests.js'
import type { LifecycleHandlers, MessageDefinitions } from './route-handlers.js'

export type { LifecycleHandlers, MessageDefinition, MessageDefinitions } from './route-handlers.js'

/** What a route does with a message that is not valid JSON, fails validation or has an unknown type. */
export type InvalidMessagePolicy = 'error' | 'close' | 'drop'

/**
 * Options shared by both route forms. `A` is whatever the `auth` hook returns; `connection.user`
 * is `UserOf<A>` (awaited, refusals removed), so users never annotate the user type.
 */
export interface RouteOptions<P extends string, I, O, A extends AuthResult, C> {
  readonly kind: 'ws'
  /** Path below the bridge prefix. Defaults to `/<route key>`. Supports `:param` and `:param?`. */
  readonly path?: P
  /** Schema every incoming JSON message must satisfy (when the route has no `messages` map). */
  readonly input?: I
  /** Schema for what the server sends. `send` and `publish` accept only its input type. */
  readonly output?: O
  /** Verifies the upgrade request; its result becomes `connection.user`. */
  readonly auth?: (request: UpgradeContext<P>) => A
  /** What a failed auth does: `'reject'` HTTP 401/403 before upgrade (default), or `'close'` accept then close 4401/4403 with a reason. */
  readonly authFailure?: AuthFailureMode
  /** Builds `connection.context` at upgrade, after auth. */
  readonly context?: ContextHook<P, UserOf<A>, C>
  /** What to do with invalid or unknown messages. Default `'error'` (error frame, stay open). */
  readonly onInvalid?: InvalidMessagePolicy
  /** Checks outgoing messages against `output`. Default: on unless NODE_ENV is `production`. */
  readonly validateOutput?: boolean
  readonly limits?: RouteLimits
  /**
   * Resume after reconnect: topics this route's connections subscribe to are stamped with sequence
   * ids and buffered, and a reconnecting `@wsbridge/core/client` receives what it missed. See resume.ts.
   */
  readonly resume?: ResumeOptions | boolean
}

export type RouteConnection<P extends string, O, U, C, CR = {}> = Connection<InputOf<O>, ParamsOf<P>, U, C, CR>

/** A route whose messages are dispatched by their `type` field to per-type handlers. */
export interface TypedMessagesRoute<
  P extends string,
  O,
  M extends Record<string, AnySchema>,
  A extends AuthResult,
  C,
  RI extends NamedSchemas = {},
  RO extends NamedSchemas = {},
  CR = {},
> extends RouteOptions<P, undefined, O, A, C>,
    RouteRequestOptions<RI, RO, CR, RouteConnection<P, O, UserOf<A>, C, CR>> {
  readonly messages: MessageDefinitions<M, RouteConnection<P, O, UserOf<A>, C, CR>>
  readonly handler?: LifecycleHandlers<RouteConnection<P, O, UserOf<A>, C, CR>> & {
    /** Receives messages whose `type` has no entry in `messages`, instead of an UNKNOWN_TYPE error. */
    onMessage?: (message: unknown, connection: RouteConnection<P, O, UserOf<A>, C, CR>) => unknown
  }
}

/** A route with one `onMessage` handler for every message. */
export interface SingleHandlerRoute<
  P extends string,
  I,
  O,
  A extends AuthResult,
  C,
  RI extends NamedSchemas = {},
  RO extends NamedSchemas = {},
  CR = {},
> extends RouteOptions<P, I, O, A, C>,
    RouteRequestOptions<RI, RO, CR, RouteConnection<P, O, UserOf<A>, C, CR>> {
  readonly messages?: undefined
  readonly handler: LifecycleHandlers<RouteConnection<P, O, UserOf<A>, C, CR>> & {
    onMessage: (message: OutputOf<I>, connection: RouteConnection<P, O, UserOf<A>, C, CR>) => unknown
  }
}

/** The runtime shape every route has, whatever its generics. */
export interface WsRoute<
  P extends string = string,
  I = unknown,
  O = unknown,
  M extends Record<string, AnySchema> = Record<string, AnySchema>,
  U = unknown,
  C = Record<string, unknown>,
  RQ = {},
  CR = {},
> {
  readonly kind: 'ws'
  readonly path?: P | undefined
  readonly input?: I | undefined
  readonly output?: O | undefined
  readonly messages?: MessageDefinitions<M, RouteConnection<P, O, U, C, CR>> | undefined
  readonly requests?: Readonly<Record<string, AnyRequestDefinition>> | undefined
  readonly clientRequests?: Readonly<Record<string, RequestSchemas>> | undefined
  readonly auth?: AuthHook<P, U> | undefined
  readonly authFailure?: AuthFailureMode | undefined
  readonly context?: ContextHook<P, U, C> | undefined
  readonly onInvalid?: InvalidMessagePolicy | undefined
  readonly validateOutput?: boolean | undefined
  readonly limits?: RouteLimits | undefined
  readonly resume?: ResumeOptions | boolean | undefined
  readonly handler?:
    | (LifecycleHandlers<RouteConnection<P, O, U, C, CR>> & {
        onMessage?: (message: OutputOf<I>, connection: RouteConnection<P, O, U, C, CR>) => unknown
      })
    | undefined
  /** Type-only carriers so clients can infer a route's protocol without importing schemas. */
  readonly '~types'?: RouteTypes<P, I, O, M, RQ, CR> | undefined
}

/** `{ type: K, ...fields }` as one flat object (modifiers kept), so client types read cleanly. */
type TypedClientMessage<K, T> = { type: K } & Omit<T, 'type'> extends infer F ? { [X in keyof F]: F[X] } : never

export interface RouteTypes<P extends string, I, O, M extends Record<string, AnySchema>, RQ = {}, CR = {}> {
  /** The path pattern (`string` when the route uses the default `/<route key>`). */
  readonly path: P
  readonly params: ParamsOf<P>
  /** What a client may send. */
  readonly client: [keyof M] extends [never] ? InputOf<I> : { [K in keyof M]: TypedClientMessage<K, InputOf<M[K]>> }[keyof M]
  /** What a client receives: what the server passes to `send`/`publish` (the output schema's input type). */
  readonly server: InputOf<O>
  /** Requests the client may send: `{ name: { input, reply } }`. */
  readonly requests: RequestTypesOf<RQ>
  /** Requests the server may send, answered by the client's handlers: `{ name: { input, reply } }`. */
  readonly clientRequests: RequestTypesOf<CR>
}

export type AnyRoute = WsRoute<any, any, any, any, any, any, any, any>
export type Routes = Record<string, AnyRoute>

/**
 * Defines a WebSocket route. Identity at runtime (plus a check of `kind`); exists for inference:
 * handler arguments, `send`, params and `user` are typed from the definition.
 */
export function defineRoute<
  const P extends string = string,
  O extends AnySchema | undefined = undefined,
  const M extends Record<string, AnySchema> = {},
  A extends AuthResult = undefined,
  C = Record<string, unknown>,
  RI extends NamedSchemas = {},
  RO extends NamedSchemas = {},
  const CR extends Record<string, RequestSchemas> = {},
>(route: TypedMessagesRoute<P, O, M, A, C, RI, RO, CR>): WsRoute<P, undefined, O, M, UserOf<A>, C, PairRequests<RI, RO>, CR>
export function defineRoute<
  const P extends string = string,
  I extends AnySchema | undefined = undefined,
  O extends AnySchema | undefined = undefined,
  A extends AuthResult = undefined,
  C = Record<string, unknown>,
  RI extends NamedSchemas = {},
  RO extends NamedSchemas = {},
  const CR extends Record<string, RequestSchemas> = {},
>(route: SingleHandlerRoute<P, I, O, A, C, RI, RO, CR>): WsRoute<P, I, O, {}, UserOf<A>, C, PairRequests<RI, RO>, CR>
export function defineRoute<
  const P extends string = string,
  O extends AnySchema | undefined = undefined,
  A extends AuthResult = undefined,
  C = Record<string, unknown>,
  RI extends NamedSchemas = {},
  RO extends NamedSchemas = {},
  const CR extends Record<string, RequestSchemas> = {},
>(route: RequestsOnlyRoute<P, O, A, C, RI, RO, CR>): WsRoute<P, undefined, O, {}, UserOf<A>, C, PairRequests<RI, RO>, CR>
export function defineRoute(route: AnyRoute): AnyRoute {
  assertRoute(route, route.path ?? '(route)')
  return route
}

/** Throws a clear error for objects that are not WebSocket routes. Used by defineRoute and createBridge. */
export function assertRoute(route: unknown, name: string): asserts route is AnyRoute {
  if (typeof route !== 'object' || route === null) throw new TypeError(`[wsbridge] route "${name}" must be an object from defineRoute()`)
  const { kind, handler, messages, requests } = route as {
    kind?: unknown
    handler?: { onMessage?: unknown }
    messages?: unknown
    requests?: unknown
  }
  if (kind !== 'ws') {
    throw new TypeError(`[wsbridge] route "${name}" has kind ${JSON.stringify(kind)}; only kind: 'ws' routes are supported`)
  }
  if (messages === undefined && requests === undefined && typeof handler?.onMessage !== 'function') {
    throw new TypeError(`[wsbridge] route "${name}" needs handler.onMessage, a typed messages map or requests`)
  }
}
