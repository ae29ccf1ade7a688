import type { ChunksSchema } from './chunks-schema.js'
import type { AnySchema, InputOf, OutputOf } from './schema.js'

/**
 * Types of request/response, both directions. A route declares `requests` (the client asks, a
 * server handler answers) and `clientRequests` (the server asks, a handler registered on the
 * client answers); both are typed end to end from their schemas, with no annotations.
 */

type Awaitable<T> = T | PromiseLike<T>

/** A request's two schemas: what the asker sends (`input`) and what the answerer replies (`output`). */
export interface RequestSchemas {
  /** What the asker sends, validated before the handler runs. */
  readonly input: AnySchema
  /** What the answerer replies, validated before it is sent (or `chunks(schema)` for a stream). */
  readonly output: AnySchema
}

/** What a request handler gets besides the data: `signal` aborts on cancel, timeout or close. */
export interface RequestContext {
  /** Aborted when the asker cancels (its `AbortSignal` or timeout) or the connection closes. */
  readonly signal: AbortSignal
  /** The request's id on the wire (unique per connection and direction; per session when resending). */
  readonly id: number
}

/** Options of `request(name, data, options)` on either side. */
export interface RequestOptions {
  /** Milliseconds to wait for the reply; then the promise rejects with REQUEST_TIMEOUT and a cancel is sent. @default 10000 */
  readonly timeout?: number
  /** Cancels the request: the promise rejects with REQUEST_CANCELLED and the answerer's `signal` aborts. */
  readonly signal?: AbortSignal
}

/**
 * A route's `requests` map as written: for each name, `input`, `output` and `handler`. `I` and `O`
 * are inferred separately (name → input schema, name → output schema), which is what lets
 * TypeScript type `data` and check the reply without annotations.
 */
export type RequestDefinitions<I extends Record<string, AnySchema>, O extends Record<string, AnySchema>, TConn> = {
  readonly [K in keyof I]: {
    /** What the asker sends, validated before the handler runs. */
    readonly input: I[K]
    /** Receives the validated input; its reply is checked against `output` (like output validation). */
    readonly handler: (data: OutputOf<I[K]>, connection: TConn, context: RequestContext) => HandlerResult<O[K & keyof O]>
  }
} & {
  readonly [K in keyof O]: {
    /** What the handler replies, validated before it is sent (or `chunks(schema)` for a stream). */
    readonly output: O[K]
  }
}

/** What a request handler returns: the reply, or for `output: chunks(schema)` an async iterable of chunks. */
export type HandlerResult<S> = S extends ChunksSchema<infer C> ? Awaitable<AsyncIterable<InputOf<C>>> : Awaitable<InputOf<S>>

/** Type-only: the client's view of a streaming reply whose chunks are `T` (a `reply` of `RequestTypesOf`). */
export interface StreamOf<T> {
  /** Type-only marker carrying the chunk type; never present at runtime. */
  readonly '~stream': T
}

/** The runtime shape of one entry of `requests`. */
export interface AnyRequestDefinition {
  /** The schema the request's data is validated against. */
  readonly input: AnySchema
  /** The schema the reply is validated against. */
  readonly output: AnySchema
  /** Answers the request (its parameters are typed per entry where the route is defined). */
  readonly handler: (data: never, connection: never, context: RequestContext) => unknown
}

/** `{ name: { input, output } }` from the two inferred maps. */
export type PairRequests<I extends Record<string, AnySchema>, O extends Record<string, AnySchema>> = {
  [K in keyof I]: {
    /** The request's input schema. */
    input: I[K]
    /** The request's output schema. */
    output: O[K & keyof O]
  }
}

/** What the asker must send for a request with schemas `S`. */
export type RequestInputOf<S> = S extends RequestSchemas ? InputOf<S['input']> : unknown
/** What the answerer returns for a request with schemas `S` (before the asker's validation). */
export type RequestReplyInputOf<S> = S extends RequestSchemas
  ? S['output'] extends ChunksSchema<infer C>
    ? StreamOf<InputOf<C>>
    : InputOf<S['output']>
  : unknown
/** What the server receives back after validating a client's reply. */
export type RequestReplyOf<S> = S extends RequestSchemas ? OutputOf<S['output']> : unknown

/** Untyped requests: what a bare `Connection` may ask (any name, unknown data and reply). */
export type AnyRequests = Record<
  string,
  {
    /** What the asker sends. */
    readonly input: unknown
    /** What the answerer replies. */
    readonly output: unknown
  }
>

/** Untyped client requests: what the client's runtime class accepts (its public type is per route). */
export type AnyClientRequests = Record<
  string,
  {
    /** What the server sends. */
    readonly input: unknown
    /** What the client's handler replies. */
    readonly reply: unknown
  }
>

/** The client-side view of a request map, carried in `~types` (no schemas at runtime). */
export type RequestTypesOf<R> = {
  [K in keyof R]: {
    /** What the asker sends. */
    readonly input: RequestInputOf<R[K]>
    /** What the answerer replies (a `StreamOf` for a streaming reply). */
    readonly reply: RequestReplyInputOf<R[K]>
  }
}
