import type { Connection } from './connection-types.js'
import type { ParamsOf } from './path.js'
import type { LifecycleHandlers, RouteOptions } from './route.js'
import type { InputOf, OutputOf } from './schema.js'
import type { AuthResult, UserOf } from './upgrade.js'

/**
 * Raw text routes (`format: 'text'`): a handler receives each text frame as the string it is (no
 * JSON parse, so no INVALID_JSON), and `send`/`publish`/`broadcast` put a string on the wire
 * unchanged. Everything else (limits, auth, context, pub/sub, binary frames) works as on JSON routes.
 */

/** How a route's text frames are read and written: JSON values (the default), or raw strings. */
export type RouteFormat = 'json' | 'text'

declare const textFrames: unique symbol

/**
 * The type-level stand-in a text route carries where a JSON route carries its `input`/`output`
 * schema: it makes handlers receive `string` and `send` accept `string`. Never a runtime value.
 */
export interface TextFrames {
  /** Type-only brand: never set at runtime. */
  readonly [textFrames]: 'text'
}

// `any` (AnyRoute's generics) would match TextFrames too; it stays as loose as the JSON side.
type IsText<T> = 0 extends 1 & T ? false : [T] extends [TextFrames] ? true : false

/** What a route's handler receives: a string on text routes, else the input schema's output. */
export type ReceivedOf<I> = IsText<I> extends true ? string : OutputOf<I>
/** What `send`/`publish` accept: a string on text routes, else the output schema's input. */
export type SentOf<O> = IsText<O> extends true ? string : InputOf<O>
/** What a client sends on a single-handler route: a string on text routes, else the input schema's input. */
export type ClientSentOf<I> = IsText<I> extends true ? string : InputOf<I>
/** The route's format, as a type. */
export type FormatOf<I> = IsText<I> extends true ? 'text' : 'json'

type TextConnection<P extends string, U, C> = Connection<string, ParamsOf<P>, U, C>

/**
 * A route whose text frames are raw strings. It has no `input`, `output` or `messages` (they
 * describe JSON) and no `resume` (stamped frames are JSON; see docs/routes-and-connections.md).
 */
export interface TextRoute<P extends string, A extends AuthResult, C>
  extends Omit<RouteOptions<P, undefined, undefined, A, C>, 'format' | 'resume' | 'input' | 'output' | 'validateOutput'> {
  /** Marks a raw text route: frames are strings, handed over and sent unchanged. */
  readonly format: 'text'
  /** Absent: text frames are not JSON, so there is no schema. */
  readonly input?: undefined
  /** Absent: `send` takes a string. */
  readonly output?: undefined
  /** Absent: typed messages need JSON's `type` field. */
  readonly messages?: undefined
  /** Absent: resumed frames are stamped JSON. */
  readonly resume?: undefined
  /** `onMessage` for every text frame, plus the lifecycle hooks. */
  readonly handler: LifecycleHandlers<TextConnection<P, UserOf<A>, C>> & {
    /** Receives each text frame's exact string. */
    onMessage: (message: string, connection: TextConnection<P, UserOf<A>, C>) => unknown
  }
}

/** Whether a route reads and writes raw text frames. */
export function isTextRoute(route: { readonly format?: RouteFormat | undefined }): boolean {
  return route.format === 'text'
}

/**
 * A text route's definition errors, as a message (undefined when there is none): the options that
 * only mean something for JSON frames, and a missing `onMessage`.
 */
export function textRouteProblem(route: {
  readonly format?: unknown
  readonly input?: unknown
  readonly output?: unknown
  readonly messages?: unknown
  readonly resume?: unknown
}): string | undefined {
  const format = route.format
  if (format === undefined || format === 'json') return undefined
  if (format !== 'text') return `has format ${JSON.stringify(format)}; use 'json' or 'text'`
  for (const option of ['input', 'output', 'messages'] as const) {
    if (route[option] !== undefined) return `has format 'text' and ${option}: schemas and typed messages describe JSON frames`
  }
  if (route.resume) return "has format 'text' and resume: resumed frames are stamped JSON, so resume is for JSON routes"
  return undefined
}

/** Whether `data` is something a text route may send: a string, or bytes (a binary frame). */
export function isTextRouteData(data: unknown): boolean {
  return typeof data === 'string' || data instanceof Uint8Array || data instanceof ArrayBuffer || ArrayBuffer.isView(data)
}
