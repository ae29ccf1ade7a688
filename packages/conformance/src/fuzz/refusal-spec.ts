import { type AuthRejection, WsError } from '@wsbridge/core'

/**
 * An auth refusal as a fuzz input describes it (carried as JSON, so lone surrogates and any other
 * string survive a URL): what the hook returns or throws. Runtime-neutral: fixture routes use it.
 */
export type FuzzRefusal =
  | { kind: 'return'; code?: number; reason?: string }
  | { kind: 'throw'; code: 'UNAUTHORIZED' | 'FORBIDDEN'; reason: string }
  | { kind: 'falsy' }

/** Always refuses; the user type is there so the route has one (a refusal-only hook would type `user` as never). */
export function refuse(spec: FuzzRefusal): AuthRejection | { id: string } | null {
  if (spec.kind === 'falsy') return null
  if (spec.kind === 'throw') throw new WsError(spec.code, spec.reason)
  return {
    success: false,
    ...(spec.code === undefined ? {} : { code: spec.code }),
    ...(spec.reason === undefined ? {} : { reason: spec.reason }),
  }
}
