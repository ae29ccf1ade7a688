import { closeReasonBytes, isValidCloseCode, MAX_CLOSE_REASON_BYTES, CloseCode } from './close-codes.js'
import { PING_FRAME, PONG_FRAME } from './control-frames.js'
import { encodeMessage } from './codec.js'
import { createConnectionId } from './connection-id.js'
import { dispatchText } from './dispatch.js'
import { ReadyState, type BroadcastOptions, type Connection, type PublishOptions, type SendResult } from './connection-types.js'
import { toErrorFrame, WsError } from './errors.js'
import type { ConnectionHost, ConnectionInit } from './connection-host.js'
import type { Limits } from './limits.js'
import type { AnyRoute } from './route.js'
import { ConnectionGuard, type GuardActions } from './security/guard.js'
import { SerialQueue } from './serial-queue.js'
import { broadcastTopics, roomTopic, roomsOf } from './pubsub/topics.js'
import type { NativePubSub, Transport } from './transport.js'
import { checkOutput } from './output-check.js'
import { maxWireBytes } from './pubsub/native-clearance.js'

export type { ConnectionHost, ConnectionInit } from './connection-host.js'

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

function handlerFailed(error: unknown, connection: ConnectionImpl): void {
  connection.handlerFailed(error)
}

/**
 * The one Connection implementation, built around an adapter's Transport (composition, not a
 * subclass per runtime). Every handler call for a connection goes through its SerialQueue, so
 * onOpen runs before any onMessage, async handlers are awaited in order, and onClose runs last.
 */
export class ConnectionImpl implements Connection, GuardActions {
  readonly id: string = createConnectionId()
  readonly ip: string
  readonly headers: Readonly<Record<string, string>>
  readonly route: string
  readonly params: Readonly<Record<string, string | undefined>>
  readonly query: Readonly<Record<string, string>>
  readonly user: unknown
  context: any
  // Allocated on the first subscribe: an empty Set costs ~200 bytes and many connections never subscribe.
  #topics: Set<string> | undefined
  readonly limits: Limits
  #state: ReadyState = ReadyState.OPEN
  /** @internal The route definition this connection serves. */
  readonly definition: AnyRoute
  readonly #transport: Transport
  readonly #host: ConnectionHost
  readonly #queue: SerialQueue<ConnectionImpl>
  // The URL object is built on first read: most handlers never look at it (memory per connection).
  readonly #href: string
  #url: URL | undefined
  readonly #validateOutput: boolean
  /** @internal Rate limit, liveness and backpressure state (security/guard.ts), swept by the bridge. */
  readonly guard: ConnectionGuard

  constructor(init: ConnectionInit, transport: Transport, host: ConnectionHost) {
    this.ip = init.ip
    this.headers = init.headers
    this.#href = init.match.url.href
    this.route = init.match.name
    this.params = init.match.params
    this.query = init.match.query
    this.user = init.user
    this.context = init.context
    this.limits = init.limits
    this.definition = init.match.route
    this.#transport = transport
    this.#host = host
    this.#validateOutput = init.validateOutput && init.match.route.output !== undefined
    this.#queue = new SerialQueue<ConnectionImpl>(this, handlerFailed)
    this.guard = new ConnectionGuard(init.limits, this, transport.ping !== undefined)
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
    return (this.#url ??= new URL(this.#href))
  }

  /** The adapter's socket object, for runtime-specific escape hatches. */
  get raw(): unknown {
    return this.#transport.raw
  }

  /** @internal The runtime's native pub/sub for this socket (Bun), used by the bridge's fan-out. */
  get nativePubSub(): NativePubSub | undefined {
    return this.#transport.pubsub
  }

  toString(): string {
    return this.id
  }

  send(data: unknown): SendResult {
    if (this.#state !== ReadyState.OPEN) return 'closed'
    if (!this.#outputOk(data)) return 'dropped'
    return this.sendFrame(encodeMessage(data))
  }

  /** The route's `output` check for send, publish and broadcast (see output-check.ts). */
  #outputOk(data: unknown): boolean {
    return !this.#validateOutput || checkOutput(this.definition.output, data, (error) => this.report(error))
  }

  /** Sends an already-encoded frame (publish encodes once for every subscriber). */
  sendFrame(frame: string | Uint8Array): SendResult {
    if (this.#state !== ReadyState.OPEN) return 'closed'
    const verdict = this.guard.beforeSend()
    if (verdict !== 'send') return verdict
    this.#transport.send(frame, this.guard.compress(frame))
    if (this.#transport.pubsub) this.#host.nativeQueued(maxWireBytes(frame))
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
    if (this.#transport.pubsub) this.#host.nativeQueued(maxWireBytes(''))
  }

  subscribe(topic: string): void {
    if (this.#state === ReadyState.CLOSED || this.#topics?.has(topic)) return
    ;(this.#topics ??= new Set()).add(topic)
    this.#host.subscribe(this, topic)
  }

  unsubscribe(topic: string): void {
    if (!this.#topics?.delete(topic)) return
    this.#host.unsubscribe(this, topic)
  }

  publish(topic: string, data: unknown, options?: PublishOptions): number {
    if (!this.#outputOk(data)) return 0
    return this.#host.publish(topic, encodeMessage(data), options?.includeSelf ? undefined : this)
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
    return this.#host.publishTopics(topics, encodeMessage(data), options?.includeSelf ? undefined : this)
  }

  // ---- driven by the bridge and adapters -------------------------------------------------------

  /** @internal Runs onOpen. Called once, right after the adapter accepted the socket. */
  opened(): void {
    const onOpen = this.definition.handler?.onOpen
    if (onOpen) this.#queue.run(() => onOpen(this))
  }

  /** @internal One incoming frame, in arrival order. */
  received(data: string | Uint8Array, isBinary: boolean): void {
    // Once a close is under way (handler, policy or shutdown), later frames are not dispatched.
    if (this.#state !== ReadyState.OPEN || !this.guard.admit()) return
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
    this.#queue.run(dispatchReceived, text)
  }

  /** @internal The socket is gone. Runs onClose exactly once, after any handler still running. */
  closed(code: number, reason: string): void {
    if (this.#state === ReadyState.CLOSED) return
    this.#state = ReadyState.CLOSED
    if (this.#topics) for (const topic of this.#topics) this.#host.unsubscribe(this, topic)
    this.#topics = undefined
    this.#host.released(this)
    const onClose = this.definition.handler?.onClose
    if (onClose) this.#queue.run(() => onClose(this, code, reason))
    const finished = this.#host.finished
    if (finished) this.#queue.run(() => finished(this))
  }

  /** @internal A transport-level error. */
  failed(error: unknown): void {
    this.report(WsError.from(error))
  }

  #receivedBinary(data: Uint8Array): void {
    // Runtimes enforce the bridge-wide maximum; a route's smaller limit is enforced here.
    if (data.byteLength > this.limits.maxPayloadLength) return this.#fatal(new WsError('PAYLOAD_TOO_LARGE'))
    const onBinary = this.definition.handler?.onBinary
    if (onBinary) this.#queue.run(() => onBinary(data, this))
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

  /** @internal A handler threw or rejected: report it, and answer with a safe error frame or the route's policy. */
  handlerFailed(thrown: unknown): void {
    const error = WsError.from(thrown)
    // A handler may reject a message itself (throw new WsError('VALIDATION_FAILED')): same policy as core's checks.
    if (INVALID_MESSAGE_CODES.has(error.code)) return this.rejectMessage(error)
    this.report(error)
    this.sendFrame(JSON.stringify(toErrorFrame(error)))
  }

  // ---- GuardActions: what security/guard.ts may do (internal; not part of Connection) ----------

  /** @internal Heartbeat or close timeout: the peer is gone, so onClose runs now with 1006 (no frame can arrive). */
  drop(reason: string): void {
    this.terminate()
    this.closed(CloseCode.ABNORMAL, reason)
  }

  /** @internal The runtime's buffer has room again after backpressure. */
  drained(): void {
    const onDrain = this.definition.handler?.onDrain
    if (onDrain) this.#queue.run(() => onDrain(this))
  }

  /** @internal A close decided by core (policy, limits): never throws, trims the reason to fit. */
  closeQuietly(code: number, reason: string): void {
    if (this.#state !== ReadyState.OPEN) return
    this.#state = ReadyState.CLOSING
    this.#transport.close(code, reason.slice(0, MAX_CLOSE_REASON_BYTES))
  }

  /** @internal An error frame that bypasses the guard (it is the guard's own answer). */
  sendErrorFrame(error: WsError): void {
    if (this.#state !== ReadyState.OPEN) return
    const frame = JSON.stringify(toErrorFrame(error))
    this.#transport.send(frame)
    if (this.#transport.pubsub) this.#host.nativeQueued(maxWireBytes(frame))
  }

  /** @internal Reports to the route's onError and the bridge's error hook. */
  report(error: WsError): void {
    this.#host.reportError(error, this)
  }
}
