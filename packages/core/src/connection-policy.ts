import { CloseCode } from './close-codes.js'
import { connectionInternals as internals, type ConnectionImpl } from './connection.js'
import { ReadyState } from './connection-types.js'
import { toErrorFrame, WsError } from './errors.js'
import type { HubMemberAccess } from './pubsub/hub.js'
import { requestsClosed } from './request-peer.js'
import { connectionGuard, SweepDue } from './security/guard.js'
import { serialQueue, type QueuedTask } from './serial-queue.js'

/**
 * What core does to a connection on its own: run its handlers in order, apply the route's policies
 * (invalid messages, handler failures, rate limit), answer the bridge-wide timer, and finish it when
 * the socket is gone. None of it is reachable from the connection a handler holds.
 */

const INVALID_MESSAGE_CODES: ReadonlySet<string> = new Set(['INVALID_JSON', 'VALIDATION_FAILED', 'UNKNOWN_TYPE', 'TOO_DEEP'])

/** Reports to the route's onError and the bridge's error hook. */
export function report(connection: ConnectionImpl, error: WsError): void {
  internals.site(connection).host.reportError(error, connection)
}

/** Queues a handler call behind the connection's others (see serial-queue.ts); a failure goes to handlerFailed. */
export function run<A>(connection: ConnectionImpl, task: QueuedTask<ConnectionImpl, A>, arg: A): void {
  serialQueue.run(connection, task, arg, handlerFailed)
}

/** Runs onOpen. Called once, right after the adapter accepted the socket. */
export function opened(connection: ConnectionImpl): void {
  const onOpen = internals.site(connection).route.handler?.onOpen
  if (onOpen) run(connection, () => onOpen(connection), undefined)
}

/** The socket is gone. Runs onClose exactly once, after any handler still running. */
export function closed(connection: ConnectionImpl, code: number, reason: string): void {
  if (connection.readyState === ReadyState.CLOSED) return
  const site = internals.site(connection)
  const topics = internals.markClosed(connection)
  if (topics) for (const topic of topics) site.host.unsubscribe(connection, topic)
  site.host.released(connection)
  site.instrumentation?.closed?.(connection, code, reason)
  requestsClosed(connection)
  const onClose = site.route.handler?.onClose
  if (onClose) run(connection, () => onClose(connection, code, reason), undefined)
  const finished = site.host.finished
  if (finished) run(connection, () => finished(connection), undefined)
}

/** Heartbeat, close or shutdown timeout: the peer is gone, so onClose runs now with 1006 and `reason`. */
export function drop(connection: ConnectionImpl, reason: string): void {
  // Closed before the socket is terminated: a runtime that reports the termination at once, with no
  // reason (Bun), then finds the connection closed already, and every host gives the same reason.
  closed(connection, CloseCode.ABNORMAL, reason)
  internals.transport(connection).terminate()
}

/** The runtime's buffer has room again after backpressure. */
export function drained(connection: ConnectionImpl): void {
  const onDrain = internals.site(connection).route.handler?.onDrain
  if (onDrain) run(connection, () => onDrain(connection), undefined)
}

/** An error frame that bypasses the guard (it is the guard's own answer). */
export function sendErrorFrame(connection: ConnectionImpl, error: WsError): void {
  if (connection.readyState !== ReadyState.OPEN) return
  const frame = JSON.stringify(toErrorFrame(error))
  internals.transport(connection).send(frame)
  internals.handed(connection, frame)
}

/** Applies the route's invalid-message policy: error frame (default), close, or drop. */
export function rejectMessage(connection: ConnectionImpl, error: WsError): void {
  report(connection, error)
  const policy = internals.site(connection).route.onInvalid ?? 'error'
  if (policy === 'error') internals.sendFrame(connection, JSON.stringify(toErrorFrame(error)))
  else if (policy === 'close') internals.closeQuietly(connection, error.closeCode, error.message)
}

/** Errors fatal to the connection: report, then close with the error's code. */
export function fatal(connection: ConnectionImpl, error: WsError): void {
  report(connection, error)
  internals.closeQuietly(connection, error.closeCode, error.message)
}

/** A handler threw or rejected: report it, and answer with a safe error frame or the route's policy. */
export function handlerFailed(connection: ConnectionImpl, thrown: unknown): void {
  const error = WsError.from(thrown)
  // A handler may reject a message itself (throw new WsError('VALIDATION_FAILED')): same policy as core's checks.
  if (INVALID_MESSAGE_CODES.has(error.code)) return rejectMessage(connection, error)
  report(connection, error)
  internals.sendFrame(connection, JSON.stringify(toErrorFrame(error)))
}

/** A frame over the rate limit: reported, then an error frame (policy 'error') or a close with 1008. */
export function rateLimited(connection: ConnectionImpl): void {
  const error = new WsError('RATE_LIMITED')
  const option = internals.site(connection).limits.rateLimit
  if (option !== false && option.policy === 'error') {
    report(connection, error)
    return sendErrorFrame(connection, error)
  }
  fatal(connection, error)
}

/** The bridge-wide timer's visit (security/liveness.ts): acts on what the guard found due. */
export function sweep(connection: ConnectionImpl, at: number): void {
  const due = connectionGuard.sweep(
    connection,
    at,
    connection.readyState,
    internals.site(connection).policy,
    internals.transport(connection),
  )
  if (due === 0) return
  if (due & SweepDue.CLOSE_TIMEOUT) return drop(connection, 'Close timeout')
  if (due & SweepDue.DRAINED) drained(connection)
  if (due & SweepDue.HEARTBEAT_TIMEOUT) return drop(connection, 'Heartbeat timeout')
  if (due & SweepDue.PING) connection.ping()
  if (due & SweepDue.IDLE_TIMEOUT) internals.closeQuietly(connection, CloseCode.GOING_AWAY, 'Idle timeout')
}

/** When the bridge-wide sweep next has something to do for this connection (see `connectionGuard.nextDue`). */
export function nextDue(connection: ConnectionImpl, at: number): number | undefined {
  return connectionGuard.nextDue(connection, at, connection.readyState, internals.site(connection).policy, internals.transport(connection))
}

/** How the bridge's pub/sub hub sends to a connection and finds its transport (and native fan-out). */
export const hubMembers: HubMemberAccess<ConnectionImpl> = {
  sendFrame: (connection, frame, shared) => internals.sendFrame(connection, frame, shared),
  transport: (connection) => internals.transport(connection),
  backpressureLimit: (connection) => internals.site(connection).limits.backpressureLimit,
}
