/**
 * Route path patterns: literal segments, `:name` and optional `:name?` parameters.
 * Patterns compile once at bridge creation into a segment list; matching is a split and a loop,
 * no regular expressions on the hot path.
 */

type Simplify<T> = { [K in keyof T]: T[K] } & {}

type ParamOf<Segment extends string> = Segment extends `:${infer Name}?`
  ? { [K in Name]?: string | undefined }
  : Segment extends `:${infer Name}`
    ? { [K in Name]: string }
    : {}

type ParamsOfSegments<Path extends string> = Path extends `${infer Head}/${infer Tail}`
  ? ParamOf<Head> & ParamsOfSegments<Tail>
  : ParamOf<Path>

/**
 * `ParamsOf<'/rooms/:roomId/:tab?'>` is `{ roomId: string; tab?: string | undefined }`.
 * A non-literal `string` path gives an index signature; `any` (as in `AnyRoute`) stays `any` so
 * every concrete route remains assignable to `AnyRoute` despite params in contravariant positions.
 */
export type ParamsOf<Path extends string> = 0 extends 1 & Path
  ? any
  : string extends Path
    ? Record<string, string | undefined>
    : Simplify<ParamsOfSegments<Path>>

interface CompiledSegment {
  readonly literal: string | undefined
  readonly param: string | undefined
  readonly optional: boolean
}

export interface CompiledPath {
  readonly pattern: string
  readonly segments: readonly CompiledSegment[]
  /** Segments that must be present; optional parameters may only trail. */
  readonly required: number
}

function split(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '')
}

const RESERVED_PARAMS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

export function compilePath(pattern: string): CompiledPath {
  if (!pattern.startsWith('/')) throw new TypeError(`[wsbridge] route path must start with "/": ${JSON.stringify(pattern)}`)
  const segments = split(pattern).map((segment): CompiledSegment => {
    if (!segment.startsWith(':')) return { literal: segment, param: undefined, optional: false }
    const optional = segment.endsWith('?')
    const param = segment.slice(1, optional ? -1 : undefined)
    if (!/^[A-Za-z_$][\w$]*$/.test(param)) throw new TypeError(`[wsbridge] invalid parameter name in ${JSON.stringify(pattern)}`)
    if (RESERVED_PARAMS.has(param)) throw new TypeError(`[wsbridge] parameter name "${param}" is reserved in ${JSON.stringify(pattern)}`)
    return { literal: undefined, param, optional }
  })
  const firstOptional = segments.findIndex((s) => s.optional)
  const required = firstOptional === -1 ? segments.length : firstOptional
  if (segments.slice(required).some((s) => !s.optional)) {
    throw new TypeError(`[wsbridge] optional parameters must come last in ${JSON.stringify(pattern)}`)
  }
  return { pattern, segments, required }
}

/** Matches a decoded-safe pathname against a compiled pattern; returns params or undefined. */
export function matchPath(compiled: CompiledPath, parts: readonly string[]): Record<string, string | undefined> | undefined {
  const { segments, required } = compiled
  if (parts.length < required || parts.length > segments.length) return undefined
  // A plain object (a null-prototype one is a dictionary in V8: ~250 bytes more per connection);
  // compilePath refuses parameter names that could reach the prototype.
  const params: Record<string, string | undefined> = {}
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!
    const part = parts[i]
    if (segment.literal !== undefined) {
      if (part !== segment.literal) return undefined
    } else if (segment.param !== undefined) {
      params[segment.param] = part === undefined ? undefined : safeDecode(part)
    }
  }
  return params
}

export function splitPathname(pathname: string): string[] {
  return split(pathname)
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}
