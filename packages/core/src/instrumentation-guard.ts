import type { BridgeInstrumentation } from './instrumentation.js'

/**
 * Wraps each hook `instrumentation` has so that a throw is handed to `failed` (the bridge's log)
 * and never reaches the connection or adapter that triggered it. Built once per bridge; members the
 * observer left out stay absent, so their call sites skip them with one check.
 */
export function guardInstrumentation(
  instrumentation: BridgeInstrumentation | undefined,
  failed: (hook: string, error: unknown) => void,
): BridgeInstrumentation | undefined {
  if (instrumentation === undefined) return undefined
  const guarded: Record<string, (...args: never[]) => unknown> = {}
  for (const name of hookNames) {
    const hook = instrumentation[name] as ((...args: unknown[]) => unknown) | undefined
    if (typeof hook !== 'function') continue
    guarded[name] = (...args: unknown[]): unknown => {
      try {
        return hook.apply(instrumentation, args)
      } catch (error) {
        failed(name, error)
        return undefined
      }
    }
  }
  return guarded as BridgeInstrumentation
}

const hookNames = [
  'opened',
  'refused',
  'closed',
  'message',
  'sent',
  'dropped',
  'error',
  'published',
  'delivered',
  'request',
  'driverState',
] as const satisfies readonly (keyof BridgeInstrumentation)[]
