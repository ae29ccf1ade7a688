import type { Connection } from './connection-types.js'
import type { ParamsOf } from './path.js'
import type { AnySchema, InputOf, OutputOf } from './schema.js'
import type { AuthHook, AuthResult, ContextHook, UserOf } from './upgrade.js'
import type { RouteLimits } from './limits.js'
import type { ResumeOptions } from './resume.js'
import type { AuthFailureMode } from './security/auth-outcome.js'
import type { InvalidMessagePolicy, RouteOptions } from './route-options.js'
import { prepareRouteSchemas } from './route-schemas.js'
import {
  textRouteProblem,
  type ClientSentOf,
  type FormatOf,
  type ReceivedOf,
  type RouteFormat,
  type SentOf,
  type TextFrames,
  type TextRoute,
} from './text-route.js'
import type { AnyRequestDefinition, PairRequests, RequestSchemas, RequestTypesOf } from './requests-types.js'
import type { NamedSchemas, RequestsOnlyRoute, RouteRequestOptions } from './route-requests.js'
import type { LifecycleHandlers, MessageDefinitions } from './route-handlers.js'

export type { LifecycleHandlers, MessageDefinition, MessageDefinitions } from './route-handlers.js'

export type { InvalidMessagePolicy, RouteOptions } from './route-options.js'

/**
 * The connection a route's handlers receive, typed from the route: what `send` accepts (`O`), the
 * path params (`P`), `user` from auth (`U`), `context` from the context hook (`C`) and the requests
 * it may send to its client (`CR`).
 */
export type RouteConnection<P extends string, O, U, C, CR = {}> = Connection<SentOf<O>, ParamsOf<P>, U, C, CR>

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
  /** One entry per message `type`: its schema and its handler, which gets the validated message. */
  readonly messages: MessageDefinitions<M, RouteConnection<P, O, UserOf<A>, C, CR>>
  /** Lifecycle hooks (`onOpen`, `onClose`, `onError`, `onDrain`, …) and an optional fallback for unknown types. */
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
  /** Absent: a single-handler route takes one `input` schema instead. */
  readonly messages?: undefined
  /** `onMessage` for every message, plus the lifecycle hooks. */
  readonly handler: LifecycleHandlers<RouteConnection<P, O, UserOf<A>, C, CR>> & {
    /** Receives every message, already validated against `input`. */
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
  /** Marks a WebSocket route (the only kind today), so route tables can grow other kinds. */
  readonly kind: 'ws'
  /** `'json'` (default) or `'text'` for a raw text route; see `defineRoute`. */
  readonly format?: RouteFormat | undefined
  /** Path below the bridge prefix, with `:param` and `:param?` segments; defaults to `/<route key>`. */
  readonly path?: P | undefined
  /** Schema every incoming message must satisfy on a single-handler route. */
  readonly input?: I | undefined
  /** Schema for what the server sends; `send` and `publish` accept only its input type. */
  readonly output?: O | undefined
  /** Typed messages: one schema and handler per `type`, instead of `input` and `onMessage`. */
  readonly messages?: MessageDefinitions<M, RouteConnection<P, O, U, C, CR>> | undefined
  /** Request/reply handlers the client calls with `conn.request(name, input)`. */
  readonly requests?: Readonly<Record<string, AnyRequestDefinition>> | undefined
  /** Requests the server may ask the client with `connection.request`, and their reply schemas. */
  readonly clientRequests?: Readonly<Record<string, RequestSchemas>> | undefined
  /** Verifies the upgrade request; its result becomes `connection.user`, a refusal answers 401/403. */
  readonly auth?: AuthHook<P, U> | undefined
  /** `'reject'` (HTTP status before the upgrade, the default) or `'close'` (accept, then close 4401/4403). */
  readonly authFailure?: AuthFailureMode | undefined
  /** Builds `connection.context` at upgrade, after auth. */
  readonly context?: ContextHook<P, U, C> | undefined
  /** What an invalid or unknown message gets: an error frame (default), a close, or nothing. */
  readonly onInvalid?: InvalidMessagePolicy | undefined
  /** Checks outgoing messages against `output`; on by default outside production. */
  readonly validateOutput?: boolean | undefined
  /** This route's limits (payload size, rate, heartbeat, backpressure); they win over the bridge's. */
  readonly limits?: RouteLimits | undefined
  /** Buffers this route's topics so a reconnecting client receives what it missed. */
  readonly resume?: ResumeOptions | boolean | undefined
  /** Lifecycle hooks (`onOpen`, `onClose`, `onError`, …) and, on a single-handler route, `onMessage`. */
  readonly handler?:
    | (LifecycleHandlers<RouteConnection<P, O, U, C, CR>> & {
        /** Receives every message of a single-handler route, already validated against `input`. */
        onMessage?: (message: ReceivedOf<I>, connection: RouteConnection<P, O, U, C, CR>) => unknown
      })
    | undefined
  /** Type-only carriers so clients can infer a route's protocol without importing schemas. */
  readonly '~types'?: RouteTypes<P, I, O, M, RQ, CR> | undefined
}

/** `{ type: K, ...fields }` as one flat object (modifiers kept), so client types read cleanly. */
type TypedClientMessage<K, T> = { type: K } & Omit<T, 'type'> extends infer F ? { [X in keyof F]: F[X] } : never

/**
 * A route's types, for clients and tooling: its path and params, its format, what a client may send
 * and receive, and its requests, carried as `route['~types']` (never a value); the typed client is built on it.
 */
export interface RouteTypes<P extends string, I, O, M extends Record<string, AnySchema>, RQ = {}, CR = {}> {
  /** The path pattern (`string` when the route uses the default `/<route key>`). */
  readonly path: P
  /** The path's parameters, as `connection.params` and the client's first argument see them. */
  readonly params: ParamsOf<P>
  /** `'text'` for raw text routes: their client sends and receives strings unchanged. */
  readonly format: FormatOf<I>
  /** What a client may send. */
  readonly client: [keyof M] extends [never] ? ClientSentOf<I> : { [K in keyof M]: TypedClientMessage<K, InputOf<M[K]>> }[keyof M]
  /** What a client receives: what the server passes to `send`/`publish` (the output schema's input type). */
  readonly server: SentOf<O>
  /** Requests the client may send: `{ name: { input, reply } }`. */
  readonly requests: RequestTypesOf<RQ>
  /** Requests the server may send, answered by the client's handlers: `{ name: { input, reply } }`. */
  readonly clientRequests: RequestTypesOf<CR>
}

/**
 * Any route, whatever its path, schemas, user and context: the type to accept routes generically
 * (a registry, a helper that wraps routes).
 */
export type AnyRoute = WsRoute<any, any, any, any, any, any, any, any>
/** A routes object: route keys to routes, as `createBridge`, every adapter and `setupBridge<typeof routes>` take it. */
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
export function defineRoute<const P extends string = string, A extends AuthResult = undefined, C = Record<string, unknown>>(
  route: TextRoute<P, A, C>,
): WsRoute<P, TextFrames, TextFrames, {}, UserOf<A>, C>
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
  prepareRouteSchemas(route as AnyRoute, name)
  const problem = textRouteProblem(route as Parameters<typeof textRouteProblem>[0])
  if (problem !== undefined) throw new TypeError(`[wsbridge] route "${name}" ${problem}`)
}
