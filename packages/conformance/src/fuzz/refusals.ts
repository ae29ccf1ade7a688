import { errorCodes } from '@wsbridge/core'
import fc from 'fast-check'
import type { FuzzRefusal } from './refusal-spec.js'
import { anyCloseCode, closeReason } from './text.js'

export type { FuzzRefusal } from './refusal-spec.js'
export { refuse } from './refusal-spec.js'

/** Refusals an auth hook can make with any code and reason; `falsy` (no code, no reason) when asked. */
export function refusalInput(withFalsy: boolean): fc.Arbitrary<FuzzRefusal> {
  const given: fc.Arbitrary<FuzzRefusal>[] = [
    fc.record(
      { kind: fc.constant('return' as const), code: fc.oneof(anyCloseCode, fc.constantFrom(401, 403, 4401, 4403)), reason: closeReason },
      { requiredKeys: ['kind'] },
    ),
    fc.record({
      kind: fc.constant('throw' as const),
      code: fc.constantFrom('UNAUTHORIZED' as const, 'FORBIDDEN' as const),
      reason: closeReason,
    }),
  ]
  return fc.oneof(...given, ...(withFalsy ? [fc.constant({ kind: 'falsy' as const })] : []))
}

/** docs/errors.md and security.md: 403/4403 mean forbidden, an integer 4000-4999 is used as-is, the reason defaults to the table's. */
export function expectedRefusalClose(spec: FuzzRefusal): { code: number; reason: string } {
  if (spec.kind === 'falsy') return { code: 4401, reason: errorCodes.UNAUTHORIZED.message }
  if (spec.kind === 'throw') return { code: spec.code === 'FORBIDDEN' ? 4403 : 4401, reason: spec.reason }
  const forbidden = spec.code === 403 || spec.code === 4403
  const own = spec.code !== undefined && Number.isInteger(spec.code) && spec.code >= 4000 && spec.code <= 4999
  return {
    code: own ? spec.code! : forbidden ? 4403 : 4401,
    reason: spec.reason ?? (forbidden ? errorCodes.FORBIDDEN.message : errorCodes.UNAUTHORIZED.message),
  }
}
