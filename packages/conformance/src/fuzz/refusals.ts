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
