import { encodeMessage } from './codec.js'
import { WsError } from './errors.js'
import { isTextRouteData } from './text-route.js'

/**
 * A text route's output check, always on: it sends strings (and bytes as binary frames). Any other
 * value is a handler bug that JSON would hide, so it is not sent; the failure goes to `report`
 * (the route's onError and the bridge's error hook) as OUTPUT_VALIDATION_FAILED.
 */
export function textOutputOk(data: unknown, report: (error: WsError) => void): boolean {
  if (isTextRouteData(data)) return true
  report(new WsError('OUTPUT_VALIDATION_FAILED', `A text route sends strings, not ${data === null ? 'null' : typeof data}`))
  return false
}

/** What `send`/`publish`/`broadcast` write: a text route's string as it is; any other value through the codec. */
export function encodeOutgoing(text: boolean, data: unknown): string | Uint8Array {
  return text && typeof data === 'string' ? data : encodeMessage(data)
}
