import type { WsError } from './errors.js'
import type { AnySchema } from './schema.js'
import { textOutputOk } from './text-output.js'
import { validate } from './validation.js'

/**
 * Server-side `output` validation, so a handler bug cannot put malformed data on the wire
 * unnoticed. Returns false when `data` must not be sent (a sync schema rejected it); the failure
 * goes to `report` (the route's onError and the bridge's error hook) as OUTPUT_VALIDATION_FAILED.
 *
 * Bytes are never checked: `output` describes JSON messages. Async schemas (valibot's, or a
 * Standard Schema validator answering with a promise) cannot gate a synchronous `send` without
 * reordering frames, so their value is sent and a failure is reported as soon as the check settles.
 */
export function checkOutput(schema: AnySchema | undefined, data: unknown, report: (error: WsError) => void): boolean {
  // No schema: a text route (route-sites.ts turns its check on), which sends strings only.
  if (schema === undefined) return textOutputOk(data, report)
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) return true
  const result = validate(schema, data, 'OUTPUT_VALIDATION_FAILED')
  if (result instanceof Promise) {
    void result.then((settled) => settled.ok || report(settled.error))
    return true
  }
  if (!result.ok) report(result.error)
  return result.ok
}
