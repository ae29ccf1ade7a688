import { safeParse, safeParseAsync, type BaseIssue } from 'valibot'
import { WsError, type WsErrorCode, type WsIssue } from './errors.js'
import type { AnySchema } from './schema.js'

export type ValidationResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: WsError }

function toIssue(issue: BaseIssue<unknown>): WsIssue {
  const path = issue.path?.map((item) => (typeof item.key === 'number' || typeof item.key === 'string' ? item.key : String(item.key)))
  return {
    message: issue.message,
    ...(path && path.length > 0 ? { path } : {}),
    expected: issue.expected,
    received: issue.received,
  }
}

function toResult(
  result: { success: boolean; output: unknown; issues?: readonly BaseIssue<unknown>[] | undefined },
  code: WsErrorCode,
): ValidationResult {
  if (result.success) return { ok: true, value: result.output }
  return { ok: false, error: new WsError(code, undefined, { issues: (result.issues ?? []).map(toIssue) }) }
}

/**
 * Validates with valibot, never throwing. Sync schemas stay sync (no promise per message);
 * async schemas return a promise.
 */
export function validate(
  schema: AnySchema,
  value: unknown,
  code: WsErrorCode = 'VALIDATION_FAILED',
): ValidationResult | Promise<ValidationResult> {
  if (schema.async) return safeParseAsync(schema, value).then((result) => toResult(result, code))
  return toResult(safeParse(schema, value), code)
}
