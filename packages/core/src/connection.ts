import { closeReasonBytes, closeSafely, isValidCloseCode, MAX_CLOSE_REASON_BYTES, CloseCode } from './close-codes.js'
import { PING_FRAME, PONG_FRAME } from './control-frames.js'
import { encodeMessage } from './codec.js'
import { createConnectionId } from './connection-id.js'
import { dispatchText } from './dispatch.js'
import { ReadyState, type BroadcastOptions, type Connection, type PublishOptions, type SendResult } from './connection-types.js'
import { toErrorFrame, WsError } from './errors.js'
import type { ConnectionInit, ConnectionSite } from './connection-host.js'
import type { Limits } from './limits.js'
import type { AnyRoute } from './route.js'
import { ConnectionGuard, type GuardPolicy } from './security/guard.js'
import { broadcastTopics, roomTopic, roomsOf } from './pubsub/topics.js'
import type { ConnectionEvents, NativePubSub, Transport } from './transport.js'
import { checkOutput } from './output-check.js'
import { shareString } from './shared-strings.js'
import { maxWireBytes } from './pubsub/native-clearance.js'

export type { ConnectionHost, ConnectionInit, ConnectionSite } from './connection-host.js'

const INVALID_MESSAGE_CODES: ReadonlySet<string> = new Set(['INVALID_JSON', 'VALIDATION_FAILED', 'UNKNOWN_TYPE', 'TOO_DEEP'])
const utf8 = new TextEncoder()
const utf8Decoder = new TextDecoder()

function isTooBig(text: string, limit: number): boolean {
  // UTF-8 needs 1 to 3 bytes per UTF-16 unit, so only the middle band needs an exact count.
  if (text.length > limit) return true
  if (text.length * 3 <= limit) return false
  return utf8.encode(text).length > limit
}

const NO_TOPICS: ReadonlySet<string> = new Set()

/** Queue tasks shared by every connection: the per-message path allocates no closure. */
function dispatchReceived(connection: ConnectionImpl, text: string): unknown {
  return connection.readyState === ReadyState.OPEN ? dispatchText(connection.definition, text, connection.limits.maxDepth, connection) : undefined
}

/** `#context` until the connection's empty context object is first read (any value, undefined too, can be assigned). */
const UNREAD_CONTEXT: unique symbol = Symbol('wsbridge.unreadContext')

/** True for `{}`: such params, query and context objects are created on first read instead. */
function isEmptyObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false
  for (const _ in value) return false
  return true
}

/**
 * The one Connection implementation, built around an adapter's Transport (composition, not a
 * subclass per runtime). Every handler call for a connection goes through its serial queue, so
 * onOpen runs before any onMessage, async handlers are awaited in order, and onClose runs last.
 *
 * Idle memory per connection is part of the contract (issue 8), so this is one object: the queue
 * and the guard are its base classes, what every connection of a route shares is one `site`
 * reference, and values that are usually empty or never read (params, query, context, url) are
 * created on first read. It is also the ConnectionEvents the adapter calls (`bridge.open` returns it).
 */
export class ConnectionImpl extends ConnectionGuard implements Connection, ConnectionEvents {
  // Created on first read: ids are 36-character strings, and idle connections often never need one.
  #id: string | undefined
  readonly ip: string
  readonly headers: Readonly<Record<string, string>>
  readonly user: unknown
  // An empty object not created yet: UNREAD_CONTEXT, or undefined for params and query (most routes
  // have no params, query or context hook).
  #context: any
  #params: Readonly<Record<string, string | undefined>> | undefined
  #query: Readonly<Record<string, string>> | undefined
  // Allocated on the first subscribe: an empty Set costs ~200 bytes and many connections never subscribe.
  #topics: Set<string> | undefined
  #state: ReadyState = ReadyState.OPEN
  readonly #site: ConnectionSite
  readonly #transport: Transport
  // The href until first read, then the URL object: most handlers never look at it (memory per connection).
  #url: string | URL

  constructor(init: ConnectionInit, site: ConnectionSite, transport: Transport) {
    super()
    this.ip = shareString(init.ip)
    this.headers = init.headers
    this.user = init.user
    this.#context = site.route.context === undefined && isEmptyObject(init.context) ? UNREAD_CONTEXT : init.context
    this.#params = isEmptyObject(init.match.params) ? undefined : init.match.params
    this.#query = isEmptyObject(init.match.query) ? undefined : init.match.query
    this.#site = site
    this.#transport = transport
    // A URL with a query may carry a token: only query-less ones are shared (shared-strings.ts).
    this.#url = init.match.url.search === '' ? shareString(init.match.url.href) : init.match.url.href
  }

  /** Unique, unguessable (a random UUID), fixed once read. */
  get id(): string {
    return (this.#id ??= createConnectionId())
  }

  /** The route's key in the routes object. */
  get route(): string {
    return this.#site.name
  }

  /** @internal The route's broadcast topic (pubsub/topics.ts routeTopic). */
  get routeTopic(): string {
    return this.#site.topic
  }

  /** @internal The route definition this connection serves. */
  get definition(): AnyRoute {
    return this.#site.route
  }

  get limits(): Limits {
    return this.#site.limits
  }

  get params(): Readonly<Record<string, string | undefined>> {
    return (this.#params ??= {})
  }

  get query(): Readonly<Record<string, string>> {
    return (this.#query ??= {})
  }

  get context(): any {
    if (this.#context === UNREAD_CONTEXT) this.#context = {}
    return this.#context
  }

  set context(value: any) {
    this.#context = value
  }

  protected get guardPolicy(): GuardPolicy {
    return this.#site.policy
  }

  protected get canPing(): boolean {
    return this.#transport.ping !== undefined
  }

  get readyState(): ReadyState {
    return this.#state
  }

  get bufferedAmount(): number {
    return this.#transport.bufferedAmount
  }

  get topics(): ReadonlySet<string> {
    return this.#topics ?? NO_TOPICS
  }

  get url(): URL {
    const url = this.#url
    return typeof url === 'string' ? (this.#url = new URL(url)) : url
  }

  /** The adapter's socket object, for runtime-specific escape hatches. */
  get raw(): unknown {
    return this.#transport.raw
  }

  /** @internal The runtime's native pub/sub for this socket (Bun), used by the bridge's fan-out. */
  get nativePubSub(): NativePubSub | undefined {
    return this.#transport.pubsub
  }

  override toString(): string {
    return this.id
  }

  send(data: unknown): SendResult {
    if (this.#state !== ReadyState.OPEN) return 'closed'
    if (!this.#outputOk(data)) return 'dropped'
    return this.sendFrame(encodeMessage(data))
  }

  /** The route's `output` check for send, publish and broadcast (see output-check.ts). */
  #outputOk(data: unknown): boolean {
    return !this.#site.validateOutput || checkOutput(this.definition.output, data, (error) => this.report(error))
  }

  /**
   * Sends an already-encoded frame (publish encodes once for every subscriber). `shared`: the same
   * frame is going to other sockets in this call too (see Transport.send).
   */
  sendFrame(frame: string | Uint8Array, shared?: boolean): SendResult {
    if (this.#state !== ReadyState.OPEN) return 'closed'
    const verdict = this.beforeSend()
    if (verdict !== 'send') return verdict
    this.#transport.send(frame, this.compress(frame), shared)
    this.#handed(frame)
    return 'sent'
  }

  close(code: number = CloseCode.NORMAL, reason = ''): void {
    if (!isValidCloseCode(code)) throw new WsError('INVALID_CLOSE_CODE', `[wsbridge] ${code} is not a valid close code (RFC 6455 §7.4)`)
    if (closeReasonBytes(reason) > MAX_CLOSE_REASON_BYTES) {
      throw new WsError('INVALID_CLOSE_CODE', `[wsbridge] close reason is longer than ${MAX_CLOSE_REASON_BYTES} bytes`)
    }
    if (this.#state !== ReadyState.OPEN) return
    this.#state = ReadyState.CLOSING
    this.#transport.close(code, reason)
  }

  terminate(): void {
    if (this.#state === ReadyState.CLOSED) return
    this.#state = ReadyState.CLOSING
    this.#transport.terminate()
  }

  ping(): void {
    if (this.#state !== ReadyState.OPEN || !this.#transport.ping) return
    this.#transport.ping()
    this.#handed('')
  }

  subscribe(topic: string): void {
    if (this.#state === ReadyState.CLOSED || this.#topics?.has(topic)) return
    ;(this.#topics ??= new Set()).add(topic)
    this.#site.host.subscribe(this, topic)
  }

  unsubscribe(topic: string): void {
    if (!this.#topics?.delete(topic)) return
    this.#site.host.unsubscribe(this, topic)
  }

  publish(topic: string, data: unknown, options?: PublishOptions): number {
    if (!this.#outputOk(data)) return 0
    return this.#site.host.publish(topic, encodeMessage(data), options?.includeSelf ? undefined : this)
  }

  get rooms(): ReadonlySet<string> {
    return roomsOf(this.route, this.topics)
  }

  joinRoom(room: string): void {
    this.subscribe(roomTopic(this.route, room))
  }

  leaveRoom(room: string): void {
    this.unsubscribe(roomTopic(this.route, room))
  }

  broadcast(data: unknown, options?: BroadcastOptions): number {
    if (!this.#outputOk(data)) return 0
    const topics = broadcastTopics(this.route, options?.rooms)
    return this.#site.host.publishTopics(topics, encodeMessage(data), options?.includeSelf ? undefined : this)
  }

  // ---- driven by the bridge and adapters -------------------------------------------------------

  /** @internal Runs onOpen. Called once, right after the adapter accepted the socket. */
  opened(): void {
    const onOpen = this.definition.handler?.onOpen
    if (onOpen) this.run(() => onOpen(this))
  }

  /** @internal One incoming frame, in arrival order (ConnectionEvents). */
  message(data: string | Uint8Array, isBinary: boolean): void {
    // Once a close is under way (handler, policy or shutdown), later frames are not dispatched.
    if (this.#state !== ReadyState.OPEN || !this.admit()) return
    if (isBinary) {
      this.#receivedBinary(data as Uint8Array)
      return
    }
    const text = typeof data === 'string' ? data : utf8Decoder.decode(data)
    // The typed client's heartbeat (browsers cannot send ping frames); see control-frames.ts.
    if (text === PING_FRAME) return void this.sendFrame(PONG_FRAME)
    if (isTooBig(text, this.limits.maxPayloadLength)) {
      this.#fatal(new WsError('PAYLOAD_TOO_LARGE'))
      return
    }
    this.run(dispatchReceived, text)
  }

  /** @internal The socket is gone (ConnectionEvents). Runs onClose exactly once, after any handler still running. */
  closed(code: number, reason: string): void {
    if (this.#state === ReadyState.CLOSED) return
    this.#state = ReadyState.CLOSED
    if (this.#topics) for (const topic of this.#topics) this.#site.host.unsubscribe(this, topic)
    this.#topics = undefined
    this.#site.host.released(this)
    const onClose = this.definition.handler?.onClose
    if (onClose) this.run(() => onClose(this, code, reason))
    const finished = this.#site.host.finished
    if (finished) this.run(() => finished(this))
  }

  /** @internal A transport-level error (ConnectionEvents). */
  error(error: unknown): void {
    this.report(WsError.from(error))
  }

  #receivedBinary(data: Uint8Array): void {
    // Runtimes enforce the bridge-wide maximum; a route's smaller limit is enforced here.
    if (data.byteLength > this.limits.maxPayloadLength) return this.#fatal(new WsError('PAYLOAD_TOO_LARGE'))
    const onBinary = this.definition.handler?.onBinary
    if (onBinary) this.run(() => onBinary(data, this))
    else this.#fatal(new WsError('UNSUPPORTED_DATA'))
  }

  /** Applies the route's invalid-message policy: error frame (default), close, or drop. */
  /** @internal Applies the route's invalid-message policy (called by dispatch.ts). */
  rejectMessage(error: WsError): void {
    this.report(error)
    const policy = this.definition.onInvalid ?? 'error'
    if (policy === 'error') this.sendFrame(JSON.stringify(toErrorFrame(error)))
    else if (policy === 'close') this.closeQuietly(error.closeCode, error.message)
  }

  /** Errors fatal to the connection: report, then close with the error's code. */
  #fatal(error: WsError): void {
    this.report(error)
    this.closeQuietly(error.closeCode, error.message)
  }

  /** A queued handler threw or rejected (SerialQueue). */
  protected taskFailed(thrown: unknown): void {
    this.handlerFailed(thrown)
  }

  /** @internal A handler threw or rejected: report it, and answer with a safe error frame or the route's policy. */
  handlerFailed(thrown: unknown): void {
    const error = WsError.from(thrown)
    // A handler may reject a message itself (throw new WsError('VALIDATION_FAILED')): same policy as core's checks.
    if (INVALID_MESSAGE_CODES.has(error.code)) return this.rejectMessage(error)
    this.report(error)
    this.sendFrame(JSON.stringify(toErrorFrame(error)))
  }

  // ---- what security/guard.ts may do (internal; not part of Connection) --------------------------

  /** @internal Heartbeat or close timeout: the peer is gone, so onClose runs now with 1006 (no frame can arrive). */
  drop(reason: string): void {
    this.terminate()
    this.closed(CloseCode.ABNORMAL, reason)
  }

  /** @internal The runtime's buffer has room again after backpressure. */
  drained(): void {
    const onDrain = this.definition.handler?.onDrain
    if (onDrain) this.run(() => onDrain(this))
  }

  /** @internal A close decided by core (policy, limits): never throws, trims the reason to fit. */
  closeQuietly(code: number, reason: string): void {
    if (this.#state !== ReadyState.OPEN) return
    this.#state = ReadyState.CLOSING
    closeSafely(this.#transport, code, reason)
  }

  /** @internal An error frame that bypasses the guard (it is the guard's own answer). */
  sendErrorFrame(error: WsError): void {
    if (this.#state !== ReadyState.OPEN) return
    const frame = JSON.stringify(toErrorFrame(error))
    this.#transport.send(frame)
    this.#handed(frame)
  }

  /** A frame went to the runtime directly: native fan-out counts it (pubsub/native-clearance.ts). A ping counts as an empty frame. */
  #handed(frame: string | Uint8Array): void {
    if (this.#transport.pubsub) this.#site.host.nativeQueued(maxWireBytes(frame))
  }

  /** @internal Reports to the route's onError and the bridge's error hook. */
  report(error: WsError): void {
    this.#site.host.reportError(error, this)
  }
}
