import type { WsError } from './errors.js'
import { assertRoute, type AnyRoute, type RouteConnection, type WsRoute } from './route.js'
import type { BuilderOptions } from './route-builder-options.js'
import type { AnySchema, OutputOf } from './schema.js'
import type { TextRouteBuilder } from './text-route-builder.js'
import type { RouteFormat } from './text-route.js'
import type { RequestDefinitions, RequestSchemas } from './requests-types.js'
import type { AuthResult, ContextHook, UpgradeContext, UserOf } from './upgrade.js'

export type { BuilderOptions } from './route-builder-options.js'

type Simplify<T> = { [K in keyof T]: T[K] } & {}
type Stage<P extends string, O, U, C, M extends Record<string, AnySchema>, RQ, CR> = RouteHandlerStage<P, O, U, C, M, RQ, CR, true>

/**
 * The handler stage: per-type handlers and lifecycle hooks. Its connection type is fixed, which is
 * why `output`, `auth` and `context` must come first (they are not offered any more here).
 * `H`: whether any handler is set yet; `build()` needs one (a `.on` or any hook), as a route
 * with no handler at all is almost certainly a chain cut short.
 */
export interface RouteHandlerStage<
  P extends string,
  O,
  U,
  C,
  M extends Record<string, AnySchema>,
  RQ = {},
  CR = {},
  H extends boolean = false,
> {
  /** Handles `{ type, ...fields }` messages whose `type` is `type`; `data` is the schema's output. */
  on<const K extends string, S extends AnySchema>(
    type: K,
    schema: S,
    handler: (data: OutputOf<S>, connection: RouteConnection<P, O, U, C, CR>) => unknown,
  ): Stage<P, O, U, C, Simplify<M & { [T in K]: S }>, RQ, CR>
  /** Messages whose `type` has no `.on` entry, instead of an UNKNOWN_TYPE error. */
  onMessage(handler: (message: unknown, connection: RouteConnection<P, O, U, C, CR>) => unknown): Stage<P, O, U, C, M, RQ, CR>
  /** Runs once the connection is open, before any message is handled (send a greeting, join rooms). */
  onOpen(handler: (connection: RouteConnection<P, O, U, C, CR>) => unknown): Stage<P, O, U, C, M, RQ, CR>
  /** Runs once when the connection has closed, with the close code and reason (1006 when the socket dropped). */
  onClose(handler: (connection: RouteConnection<P, O, U, C, CR>, code: number, reason: string) => unknown): Stage<P, O, U, C, M, RQ, CR>
  /** Receives validation failures, handler exceptions and transport errors for this connection. */
  onError(handler: (connection: RouteConnection<P, O, U, C, CR>, error: WsError) => unknown): Stage<P, O, U, C, M, RQ, CR>
  /** Binary frames. Without it, a binary frame closes the connection with 1003 (unsupported data). */
  onBinary(handler: (data: Uint8Array, connection: RouteConnection<P, O, U, C, CR>) => unknown): Stage<P, O, U, C, M, RQ, CR>
  /** The client caught up after backpressure (the runtime's buffer dropped below `backpressureLimit`). */
  onDrain(handler: (connection: RouteConnection<P, O, U, C, CR>) => unknown): Stage<P, O, U, C, M, RQ, CR>
  /** Answers requests named `name` (see docs/requests.md): `data` is the input's output, the reply is checked against `output`. */
  request<const K extends string, I extends AnySchema, R extends AnySchema>(
    name: K,
    definition: RequestDefinitions<{ [T in K]: I }, { [T in K]: R }, RouteConnection<P, O, U, C, CR>>[K],
  ): Stage<
    P,
    O,
    U,
    C,
    M,
    Simplify<
      RQ & {
        [T in K]: {
          /** The request's input schema. */
          input: I
          /** The request's output schema. */
          output: R
        }
      }
    >,
    CR
  >
  /** The finished route: exactly what `defineRoute({ kind: 'ws', path, messages, ... })` returns. */
  build(
    ...noHandlers: H extends true
      ? []
      : [keyof M | keyof RQ] extends [never]
        ? [error: 'add a handler (.on, .request, .onOpen, .onBinary, …) before build()']
        : []
  ): WsRoute<P, undefined, O, M, U, C, RQ, CR>
}

/** The first stage: everything that shapes the connection type, then the handler stage. */
export interface RouteBuilder<P extends string, O, U, C, CR = {}> extends RouteHandlerStage<P, O, U, C, {}, {}, CR> {
  /** What the server sends; `send` and `publish` then accept only its input type. */
  output<S extends AnySchema>(schema: S): RouteBuilder<P, S, U, C, CR>
  /** Verifies the upgrade; the result (refusals removed) types `connection.user`. */
  auth<A extends AuthResult>(hook: (request: UpgradeContext<P>) => A): RouteBuilder<P, O, UserOf<A>, C, CR>
  /** Builds `connection.context` after auth. */
  context<C2>(hook: ContextHook<P, U, C2>): RouteBuilder<P, O, U, C2, CR>
  /** Requests the server may send to clients (`connection.request`), answered by client handlers. */
  clientRequests<const Q extends Record<string, RequestSchemas>>(requests: Q): RouteBuilder<P, O, U, C, Q>
  /** Every other option of `defineRoute`; `format: 'text'` turns the chain into a raw text route's. */
  options<const F extends RouteFormat = 'json'>(
    options: BuilderOptions & { readonly format?: F },
  ): F extends 'text' ? TextRouteBuilder<P, U, C> : RouteBuilder<P, O, U, C, CR>
}

// The definition under construction, loosely typed: the public builder types carry the precise ones.
interface Definition {
  readonly kind: 'ws'
  readonly path: string
  readonly messages: Readonly<Record<string, { readonly schema: AnySchema; readonly handler: unknown }>>
  readonly requests?: Readonly<Record<string, unknown>>
  readonly handler: Readonly<Record<string, unknown>>
  readonly [option: string]: unknown
}

/**
 * A chainable builder that compiles to the same definition as `defineRoute` with a `messages` map:
 * `createRoute('/ws/chat').output(S).auth(verify).on('join', JoinSchema, (data, ws) => ...).build()`.
 * Each call returns a new builder, so a partial chain can be reused as a template.
 */
export function createRoute<const P extends string>(path: P): RouteBuilder<P, undefined, undefined, Record<string, unknown>> {
  return builder({ kind: 'ws', path, messages: {}, handler: {} }) as unknown as RouteBuilder<
    P,
    undefined,
    undefined,
    Record<string, unknown>
  >
}

function builder(definition: Definition) {
  const next = (patch: Readonly<Record<string, unknown>>): ReturnType<typeof builder> => builder({ ...definition, ...patch })
  const hook = (name: string) => (handler: unknown) => next({ handler: { ...definition.handler, [name]: handler } })
  return {
    output: (output: AnySchema) => next({ output }),
    auth: (auth: unknown) => next({ auth }),
    context: (context: unknown) => next({ context }),
    clientRequests: (clientRequests: unknown) => next({ clientRequests }),
    request(name: string, entry: unknown) {
      if (Object.hasOwn(definition.requests ?? {}, name))
        throw new TypeError(`[wsbridge] route "${definition.path}" already answers request "${name}"`)
      return next({ requests: Object.assign(Object.create(null), definition.requests, { [name]: entry }) })
    },
    options: (options: BuilderOptions) => next({ ...options }),
    on(type: string, schema: AnySchema, handler: unknown) {
      if (Object.hasOwn(definition.messages, type))
        throw new TypeError(`[wsbridge] route "${definition.path}" already handles type "${type}"`)
      return next({ messages: { ...definition.messages, [type]: { schema, handler } } })
    },
    onOpen: hook('onOpen'),
    onClose: hook('onClose'),
    onError: hook('onError'),
    onBinary: hook('onBinary'),
    onDrain: hook('onDrain'),
    onMessage: hook('onMessage'),
    build(): AnyRoute {
      const route: unknown = definition['format'] === 'text' ? textDefinition(definition) : jsonDefinition(definition)
      assertRoute(route, definition.path)
      return route
    },
  }
}

/** A text route has no messages map (its frames are not JSON); assertRoute then wants its onMessage. */
function textDefinition({ messages, ...definition }: Definition): Readonly<Record<string, unknown>> {
  if (Object.keys(messages).length > 0)
    throw new TypeError(`[wsbridge] route "${definition.path}" has format 'text' and .on(type) handlers`)
  return definition
}

function jsonDefinition(definition: Definition): Readonly<Record<string, unknown>> {
  const handled =
    Object.keys(definition.messages).length > 0 || definition.requests !== undefined || Object.keys(definition.handler).length > 0
  if (!handled)
    throw new TypeError(
      `[wsbridge] route "${definition.path}" needs a handler (.on(type, schema, handler), .request, .onOpen, .onBinary, …)`,
    )
  return { ...definition, messages: Object.assign(Object.create(null), definition.messages) }
}
