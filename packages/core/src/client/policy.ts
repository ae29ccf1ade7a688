import type { ClientOptions } from './types.js'

/** Server close codes after which the client does not come back: done, policy, unauthorized, forbidden. */
export const NO_RECONNECT_CODES: ReadonlySet<number> = new Set([1000, 1008, 4401, 4403])

/** Whether a close the client did not ask for leads to another attempt. */
export function willReconnect(options: ClientOptions, failures: number, code: number, reason: string): boolean {
  const reconnect = options.reconnect
  if (reconnect === false) return false
  if (failures >= (reconnect?.maxAttempts ?? Infinity)) return false
  return options.shouldReconnect ? options.shouldReconnect(code, reason) : !NO_RECONNECT_CODES.has(code)
}

export function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value))
}

/** Hands `error` to the user's onError; an onError that throws is logged, never rethrown. */
export function emitError(onError: ((error: Error) => void) | undefined, error: Error): void {
  if (!onError) return
  try {
    onError(error)
  } catch (thrown) {
    console.error('[wsbridge] onError threw:', thrown)
  }
}
