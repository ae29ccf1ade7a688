import type { Connection } from './connection-types.js'
import type { WsError } from './errors.js'
import type { ParamsOf } from './path.js'
import type { AnySchema, InputOf, OutputOf } from './schema.js'
import type { AuthHook, AuthResult, ContextHook, UpgradeContext, UserOf } from './upgrade.js'
import type { RouteLimits } from './limits.js'
import type { ResumeOptions } from './resume.js'
import type { AuthFailureMode } from './security/auth-outcome.js'
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

/** What a route does with a message that is not valid JSON, fails validation or has an unknown type. */
export type InvalidMessagePolicy = 'error' | 'close' | 'drop'

/** One entry of a route's typed `messages` map: the schema for `{ type, ... }` and its handler. */
export interface MessageDefinition<S extends AnySchema, TConn> {
  /** Validates the message before the handler runs; an invalid one follows the route's `onInvalid` policy. */
  readonly schema: S
  /** Runs for each valid message of this type with the schema's output; a thrown error goes to `onError` and the client. */
  readonly handler: (data: OutputOf<S>, connection: TConn) => unknown
}

type MessageDefinitions<M extends Record<string, AnySchema>, TConn> = {
  readonly [K in keyof M]: MessageDefinition<M[K], TConn>
}

/**
 * The hooks every route form accepts besides its message handlers: open, close, error, binary frames
 * and drain after backpressure. `TConn` is the route's typed connection.
 */
export interface LifecycleHandlers<TConn> {
  /** Runs once the connection is open, before any message is handled (send a greeting, join rooms). */
  onOpen?: (connection: TConn) => unknown
  /** Runs once when the connection has closed, with the close code and reason (1006 when the socket dropped). */
  onClose?: (connection: TConn, code: number, reason: string) => unknown
  /** Receives validation failures, handler exceptions and transport errors for this connection. */
  onError?: (connection: TConn, error: WsError) => unknown
  /** Binary frames. Without it, a binary frame closes the connection with 1003 (unsupported data). */
  onBinary?: (data: Uint8Array, connection: TConn) => unknown
  /** The client caught up after backpressure (the runtime's buffer dropped below `backpressureLimit`). */
  onDrain?: (connection: TConn) => unknown
}

/**
 * Options shared by both route forms. `A` is whatever the `auth` hook returns; `connection.user`
 * is `UserOf<A>` (awaited, refusals removed), so users never annotate the user type.
 */
export interface RouteOptions<P extends string, I, O, A extends AuthResult, C> {
  readonly kind: 'ws'
  /** `'json'` (the default): text frames are JSON values. `'text'` is a raw text route (see TextRoute in text-route.ts). */
  readonly format?: 'json'
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

/**
 * The connection a route's handlers receive, typed from the route: what `send` accepts (`O`), the
 * path params (`P`), `user` from auth (`U`) and `context` from the context hook (`C`).
 */
export type RouteConnection<P extends string, O, U, C> = Connection<SentOf<O>, ParamsOf<P>, U, C>

/** A route whose messages are dispatched by their `type` field to per-type handlers. */
export interface TypedMessagesRoute<P extends string, O, M extends Record<string, AnySchema>, A extends AuthResult, C>
  extends RouteOptions<P, undefined, O, A, C> {
  readonly messages: MessageDefinitions<M, RouteConnection<P, O, UserOf<A>, C>>
  readonly handler?: LifecycleHandlers<RouteConnection<P, O, UserOf<A>, C>> & {
    /** Receives messages whose `type` has no entry in `messages`, instead of an UNKNOWN_TYPE error. */
    onMessage?: (message: unknown, connection: RouteConnection<P, O, UserOf<A>, C>) => unknown
  }
}

/** A route with one `onMessage` handler for every message. */
export interface SingleHandlerRoute<P extends string, I, O, A extends AuthResult, C> extends RouteOptions<P, I, O, A, C> {
  readonly messages?: undefined
  readonly handler: LifecycleHandlers<RouteConnection<P, O, UserOf<A>, C>> & {
    /** Runs for every valid message, with the input schema's output (the raw JSON value without one). */
    onMessage: (message: OutputOf<I>, connection: RouteConnection<P, O, UserOf<A>, C>) => unknown
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
> {
  readonly kind: 'ws'
  readonly format?: RouteFormat | undefined
  readonly path?: P | undefined
  readonly input?: I | undefined
  readonly output?: O | undefined
  readonly messages?: MessageDefinitions<M, RouteConnection<P, O, U, C>> | undefined
  readonly auth?: AuthHook<P, U> | undefined
  readonly authFailure?: AuthFailureMode | undefined
  readonly context?: ContextHook<P, U, C> | undefined
  readonly onInvalid?: InvalidMessagePolicy | undefined
  readonly validateOutput?: boolean | undefined
  readonly limits?: RouteLimits | undefined
  readonly resume?: ResumeOptions | boolean | undefined
  readonly handler?:
    | (LifecycleHandlers<RouteConnection<P, O, U, C>> & {
        /** The single-handler form's message handler, or a typed-messages route's fallback for unknown types. */
        onMessage?: (message: ReceivedOf<I>, connection: RouteConnection<P, O, U, C>) => unknown
      })
    | undefined
  /** Type-only carriers so clients can infer a route's protocol without importing schemas. */
  readonly '~types'?: RouteTypes<P, I, O, M> | undefined
}

/** `{ type: K, ...fields }` as one flat object (modifiers kept), so client types read cleanly. */
type TypedClientMessage<K, T> = { type: K } & Omit<T, 'type'> extends infer F ? { [X in keyof F]: F[X] } : never

/**
 * A route's types, for clients and tooling: its path and params, its format, what a client may send
 * and what it receives, carried as `route['~types']` (never a value); the typed client is built on it.
 */
export interface RouteTypes<P extends string, I, O, M extends Record<string, AnySchema>> {
  /** The path pattern (`string` when the route uses the default `/<route key>`). */
  readonly path: P
  readonly params: ParamsOf<P>
  /** `'text'` for raw text routes: their client sends and receives strings unchanged. */
  readonly format: FormatOf<I>
  /** What a client may send. */
  readonly client: [keyof M] extends [never] ? ClientSentOf<I> : { [K in keyof M]: TypedClientMessage<K, InputOf<M[K]>> }[keyof M]
  /** What a client receives: what the server passes to `send`/`publish` (the output schema's input type). */
  readonly server: SentOf<O>
}

/**
 * Any route, whatever its path, schemas, user and context: the type to accept routes generically
 * (a registry, a helper that wraps routes).
 */
export type AnyRoute = WsRoute<any, any, any, any, any, any>
/**
 * A routes object: route keys to routes, as `createBridge`, every adapter and `setupBridge<typeof routes>` take it.
 */
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
>(route: TypedMessagesRoute<P, O, M, A, C>): WsRoute<P, undefined, O, M, UserOf<A>, C>
export function defineRoute<
  const P extends string = string,
  I extends AnySchema | undefined = undefined,
  O extends AnySchema | undefined = undefined,
  A extends AuthResult = undefined,
  C = Record<string, unknown>,
>(route: SingleHandlerRoute<P, I, O, A, C>): WsRoute<P, I, O, {}, UserOf<A>, C>
export function defineRoute<const P extends string = string, A extends AuthResult = undefined, C = Record<string, unknown>>(
  route: TextRoute<P, A, C>,
): WsRoute<P, TextFrames, TextFrames, {}, UserOf<A>, C>
export function defineRoute(route: AnyRoute): AnyRoute {
  assertRoute(route, route.path ?? '(route)')
  return route
}

/** Throws a clear error for objects that are not WebSocket routes. Used by defineRoute and createBridge. */
export function assertRoute(route: unknown, name: string): asserts route is AnyRoute {
  if (typeof route !== 'object' || route === null) throw new TypeError(`[wsbridge] route "${name}" must be an object from defineRoute()`)
  const { kind, handler, messages } = route as { kind?: unknown; handler?: { onMessage?: unknown }; messages?: unknown }
  if (kind !== 'ws') {
    throw new TypeError(`[wsbridge] route "${name}" has kind ${JSON.stringify(kind)}; only kind: 'ws' routes are supported`)
  }
  if (messages === undefined && typeof handler?.onMessage !== 'function') {
    throw new TypeError(`[wsbridge] route "${name}" needs handler.onMessage or a typed messages map`)
  }
  prepareRouteSchemas(route as AnyRoute, name)
  const problem = textRouteProblem(route as Parameters<typeof textRouteProblem>[0])
  if (problem !== undefined) throw new TypeError(`[wsbridge] route "${name}" ${problem}`)
}
