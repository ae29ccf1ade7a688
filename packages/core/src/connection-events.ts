import { PING_FRAME, PONG_FRAME } from './control-frames.js'
import { connectionInternals as internals, type ConnectionImpl } from './connection.js'
import { closed, drained, fatal, handlerFailed, rateLimited, rejectMessage, report, run } from './connection-policy.js'
import { ReadyState } from './connection-types.js'
import { dispatchText } from './dispatch.js'
import { observedDispatch, type ObservedJob } from './observed-dispatch.js'
import { isRequestProtocolText } from './request-frames.js'
import { isAuthFrameText } from './security/auth-refresh-frame.js'
import { receiveRequestFrame } from './request-peer.js'
import { WsError } from './errors.js'
import type { ConnectionSite } from './connection-host.js'
import type { ConnectionSnapshot } from './connection-snapshot.js'
import { connectionGuard } from './security/guard.js'
import { serialQueue } from './serial-queue.js'
import type { ConnectionEvents, Transport } from './transport.js'

const utf8 = new TextEncoder()
const utf8Decoder = new TextDecoder()

function isTooBig(text: string, limit: number): boolean {
  // UTF-8 needs 1 to 3 bytes per UTF-16 unit, so only the middle band needs an exact count.
  if (text.length > limit) return true
  if (text.length * 3 <= limit) return false
  return utf8.encode(text).length > limit
}

/** The queue task for every text message, shared by every connection: the per-message path allocates no closure. */
function dispatchReceived(connection: ConnectionImpl, text: string): unknown {
  if (connection.readyState !== ReadyState.OPEN) return undefined
  const site = internals.site(connection)
  // A text route's handler takes the frame as it came: nothing to parse, so nothing to reject.
  if (site.text) return site.route.handler!.onMessage!(text, connection as never)
  return dispatchText(site.route, text, site.limits.maxDepth, connection, rejectMessage)
}

function receivedBinary(connection: ConnectionImpl, site: ConnectionSite<ConnectionImpl>, data: Uint8Array): void {
  // Runtimes enforce the bridge-wide maximum; a route's smaller limit is enforced here.
  if (data.byteLength > site.limits.maxPayloadLength) return fatal(connection, new WsError('PAYLOAD_TOO_LARGE'))
  const onBinary = site.route.handler?.onBinary
  if (onBinary) run(connection, () => onBinary(data, connection), undefined)
  else fatal(connection, new WsError('UNSUPPORTED_DATA'))
}

/** The observed task: `dispatchReceived` behind observedDispatch, which ends the message's scope. */
function dispatchObserved(connection: ConnectionImpl, job: ObservedJob): unknown {
  return observedDispatch(connection, job, dispatchReceived)
}

/**
 * `SocketEvents.message` for a bridge with instrumentation: the same steps, with the message
 * reported first and its scope ended when its handling ends. Kept apart so the uninstrumented path
 * stays as it is (one check).
 */
function observedMessage(
  connection: ConnectionImpl,
  site: ConnectionSite<ConnectionImpl>,
  data: string | Uint8Array,
  isBinary: boolean,
): void {
  const text = isBinary ? undefined : typeof data === 'string' ? data : utf8Decoder.decode(data)
  const admitted = connectionGuard.admit(connection, site.policy.rate)
  // The typed client's heartbeat is not a message.
  if (admitted && text === PING_FRAME) return void internals.sendFrame(connection, PONG_FRAME)
  const scope = site.instrumentation!.message?.(connection, data, isBinary)
  if (!admitted) rateLimited(connection)
  else if (text === undefined) receivedBinary(connection, site, data as Uint8Array)
  else if (isTooBig(text, site.limits.maxPayloadLength)) fatal(connection, new WsError('PAYLOAD_TOO_LARGE'))
  else if (isRequestProtocolText(text)) receiveRequestFrame(connection, text)
  else if (scope !== undefined) return serialQueue.run(connection, dispatchObserved, { text, scope, type: undefined }, handlerFailed)
  else return serialQueue.run(connection, dispatchReceived, text, handlerFailed)
  scope?.end(undefined, undefined)
}

/** Links `events` to `connection`; false when `events` already serves another connection. */
let bind: (events: SocketEvents, connection: ConnectionImpl) => boolean
let linked: (events: SocketEvents) => ConnectionImpl | undefined

/**
 * What `bridge.open` hands the adapter: the socket's events, forwarded to its connection. Never the
 * connection itself, so that what handlers hold has no `message`, `closed` or `pong` to call; only
 * the adapter that opened the socket holds this object.
 *
 * An adapter's transport class may extend this class (adapter-node-ws's ws transports, the Bun
 * transports), so the one object that wraps the runtime socket also takes its events, and a
 * connection costs no object more than its transport: `bridge.open` then returns the transport
 * itself. For any other transport `bridge.open` creates one (a header and a field). A subclass
 * reaches nothing of the connection: the link is private to this module.
 */
export class SocketEvents implements ConnectionEvents {
  #connection: ConnectionImpl | undefined

  static {
    bind = (events, connection) => {
      if (events.#connection !== undefined) return false
      events.#connection = connection
      return true
    }
    linked = (events) => events.#connection
  }

  /**
   * One incoming frame, in arrival order. Written out here and queued with `serialQueue.run`
   * itself, not through helpers: JavaScriptCore inlines only a few calls deep, and the two wrappers
   * that stood between the adapter's handler and the queue cost Bun ~110 instructions a message on
   * the receive path (docs/benchmarks.md, finding 17).
   */
  message(data: string | Uint8Array, isBinary: boolean): void {
    const connection = this.#connection
    // Once a close is under way (handler, policy or shutdown), later frames are not dispatched.
    if (connection === undefined || connection.readyState !== ReadyState.OPEN) return
    const site = internals.site(connection)
    if (site.instrumentation !== undefined) return observedMessage(connection, site, data, isBinary)
    if (!connectionGuard.admit(connection, site.policy.rate)) return rateLimited(connection)
    if (isBinary) return receivedBinary(connection, site, data as Uint8Array)
    const text = typeof data === 'string' ? data : utf8Decoder.decode(data)
    // The typed client's heartbeat (browsers cannot send ping frames); see control-frames.ts.
    if (text === PING_FRAME) return void internals.sendFrame(connection, PONG_FRAME)
    if (isTooBig(text, site.limits.maxPayloadLength)) return fatal(connection, new WsError('PAYLOAD_TOO_LARGE'))
    // Request, reply and cancel frames (request-frames.ts): a reply must not wait behind the handler awaiting it.
    if (isRequestProtocolText(text)) return receiveRequestFrame(connection, text)
    // A token refresh on a route with auth (security/auth-refresh-frame.ts), outside the handler queue.
    if (site.route.auth && isAuthFrameText(text)) return site.host.refreshAuth?.(connection, text)
    serialQueue.run(connection, dispatchReceived, text, handlerFailed)
  }

  closed(code: number, reason: string): void {
    const connection = this.#connection
    if (connection !== undefined) closed(connection, code, reason)
  }

  drain(): void {
    const connection = this.#connection
    if (connection !== undefined && connectionGuard.drained(connection)) drained(connection)
  }

  pong(): void {
    const connection = this.#connection
    if (connection !== undefined) connectionGuard.pong(connection, internals.site(connection).policy.rate)
  }

  error(error: unknown): void {
    const connection = this.#connection
    if (connection !== undefined) report(connection, WsError.from(error))
  }
}

/** The events object for a new connection: its transport when that is one of core's own, otherwise a new one. */
export function socketEvents(connection: ConnectionImpl, transport: Transport): ConnectionEvents {
  if (transport instanceof SocketEvents && bind(transport, connection)) return transport
  const events = new SocketEvents()
  bind(events, connection)
  return events
}

/**
 * What `bridge.restore` needs to rebuild the open connection behind `events` (an object
 * `bridge.open` or `bridge.restore` returned) in a fresh instance; undefined once it is closed.
 */
export function connectionSnapshot(events: ConnectionEvents): ConnectionSnapshot | undefined {
  const connection = events instanceof SocketEvents ? linked(events) : undefined
  if (connection === undefined || connection.readyState !== ReadyState.OPEN) return undefined
  return {
    id: connection.id,
    route: connection.route,
    url: connection.url.href,
    ip: connection.ip,
    user: connection.user,
    context: connection.context,
    topics: [...connection.topics],
  }
}
