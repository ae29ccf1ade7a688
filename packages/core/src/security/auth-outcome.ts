import { CloseCode } from '../close-codes.js'
import { WsError } from '../errors.js'
import type { AuthRejection } from '../upgrade.js'

/** What an auth hook's result means, for both rejection modes (HTTP before upgrade, or close after). */
export type AuthOutcome =
  | { readonly ok: true; readonly user: unknown; readonly expiresAt?: number }
  | { readonly ok: false; readonly error: WsError; readonly closeCode: number; readonly reason: string }

/** What a route does with a failed auth: `'reject'` answers HTTP 401/403 (default); `'close'` accepts and closes with 4401/4403 so a browser can read the reason. */
export type AuthFailureMode = 'reject' | 'close'

function isRejection(value: unknown): value is AuthRejection {
  return typeof value === 'object' && value !== null && (value as { success?: unknown }).success === false
}

function isSuccessEnvelope(value: unknown): value is { success: true; data: unknown; expiresAt?: unknown } {
  return typeof value === 'object' && value !== null && (value as { success?: unknown }).success === true && 'data' in value
}

/**
 * Reads an auth hook's result: user data; `null`/`undefined`/`false` (401); the vite plugin's
 * `{ success: false, code, reason }` (403 for code 403/4403, else 401; a 4000-4999 code is used
 * as-is in close mode); or its `{ success: true, data }` envelope (`data` becomes the user).
 */
export function toAuthOutcome(result: unknown): AuthOutcome {
  if (result === null || result === undefined || result === false) return failure(new WsError('UNAUTHORIZED'))
  if (isSuccessEnvelope(result)) {
    // Only a finite number is an expiry: anything else means the credential does not expire.
    const expiresAt = result.expiresAt
    return typeof expiresAt === 'number' && Number.isFinite(expiresAt)
      ? { ok: true, user: result.data, expiresAt }
      : { ok: true, user: result.data }
  }
  if (!isRejection(result)) return { ok: true, user: result }
  const forbidden = result.code === 403 || result.code === CloseCode.FORBIDDEN
  const error = new WsError(forbidden ? 'FORBIDDEN' : 'UNAUTHORIZED', result.reason)
  // Only an integer is a close code: 4000.5 would otherwise reach the runtime, which sends 4000 or throws.
  const code = Number.isInteger(result.code) && result.code! >= 4000 && result.code! <= 4999 ? result.code! : error.closeCode
  return { ok: false, error, closeCode: code, reason: error.message }
}

/** A WsError thrown by an auth hook on purpose (401/403) as an outcome; anything else is not an auth outcome. */
export function thrownAuthOutcome(error: WsError): AuthOutcome | undefined {
  return error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN' ? failure(error) : undefined
}

function failure(error: WsError): AuthOutcome {
  return { ok: false, error, closeCode: error.closeCode, reason: error.message }
}
