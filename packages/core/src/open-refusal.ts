import type { AcceptedUpgrade } from './bridge-types.js'
import { CloseCode, closeSafely } from './close-codes.js'
import { WsError } from './errors.js'
import { describeRefusal } from './refusal.js'
import type { Reporter } from './reporter.js'
import type { ConnectionCounter } from './security/connection-limits.js'
import type { ConnectionEvents, Transport } from './transport.js'

/** Events of a socket core refused at open (auth close mode, connection cap): nothing to do. */
export const IGNORED_EVENTS: ConnectionEvents = { message() {}, closed() {}, drain() {}, pong() {}, error() {} }

/**
 * Closes a socket core refuses at open, before any handler: auth failed on a route with
 * `authFailure: 'close'`, or a connection cap was reached while an upgrade held no place (its
 * place expired before the runtime opened it). Returns whether it did; when not, the connection
 * is counted under the caps.
 */
export function refusedAtOpen(accepted: AcceptedUpgrade, transport: Transport, counter: ConnectionCounter, reporter: Reporter): boolean {
  if (!accepted.refusal && (counter.claim(accepted) || !counter.take(accepted))) return false
  const refusal = accepted.refusal ?? { code: CloseCode.TRY_AGAIN_LATER, reason: 'Too many connections' }
  // An auth close was reported when authorize decided it; a cap reached meanwhile is new here.
  if (!accepted.refusal)
    reporter.refused(
      describeRefusal(
        { url: accepted.match.url, headers: accepted.headers, ip: accepted.ip },
        new WsError('TOO_MANY_CONNECTIONS'),
        'client',
        { route: accepted.match.name, closeCode: refusal.code },
      ),
    )
  closeSafely(transport, refusal.code, refusal.reason)
  return true
}
