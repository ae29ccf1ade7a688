/**
 * What the wsbridge targets pass as `instrumentation`, from `--instrumentation=` (the runner sets
 * WSBRIDGE_BENCH_INSTRUMENTATION for the servers it starts), to measure what observability costs:
 *
 * - `none` (default): no `instrumentation` option, what every other run measures.
 * - `empty`: `instrumentation: {}`: a bridge that has an observer with no hooks.
 * - `otel`: `createOtelInstrumentation()` from @wsbridge/otel on the OpenTelemetry API with no SDK
 *   registered, so the global meter and tracer are the API's no-ops: what an app pays for wiring
 *   the package in before it exports anything.
 */
import type { BridgeInstrumentation } from '@wsbridge/core'

export const instrumentationVariants = ['none', 'empty', 'otel'] as const
export type InstrumentationVariant = (typeof instrumentationVariants)[number]

/** The variant a runner was asked for: checked before any server starts. */
export function parseInstrumentationVariant(value: string | undefined): InstrumentationVariant {
  if (value === undefined || value === '') return 'none'
  if ((instrumentationVariants as readonly string[]).includes(value)) return value as InstrumentationVariant
  throw new Error(`--instrumentation=${value}: expected one of ${instrumentationVariants.join(', ')}`)
}

export async function benchInstrumentation(value: string | undefined): Promise<BridgeInstrumentation | undefined> {
  const variant = parseInstrumentationVariant(value)
  if (variant === 'none') return undefined
  if (variant === 'empty') return {}
  // Evaluated only when asked for: the default targets never run @wsbridge/otel or the OpenTelemetry API.
  const { createOtelInstrumentation } = await import('@wsbridge/otel')
  return createOtelInstrumentation()
}
