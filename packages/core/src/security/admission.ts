import { WsError } from '../errors.js'
import type { Limits, RouteLimits } from '../limits.js'
import type { ConnectionCounter } from './connection-limits.js'
import { isOriginAllowed } from './origin.js'

/** Origin and connection-count checks that run before auth (cheapest and most abusable first). */
export function admissionRefusal(
  headers: Readonly<Record<string, string>>,
  ip: string,
  route: string,
  routeLimits: RouteLimits | undefined,
  limits: Limits,
  counter: ConnectionCounter,
): WsError | undefined {
  if (!isOriginAllowed(headers, limits.allowedOrigins)) return new WsError('ORIGIN_NOT_ALLOWED')
  return counter.refusal(route, ip, routeLimits)
}
