import { CloseCode, closeReasonBytes, closeSafely, isValidCloseCode, MAX_CLOSE_REASON_BYTES } from './close-codes.js'
import { encodeOutgoing } from './text-output.js'
import type { ConnectionInit, ConnectionSite } from './connection-host.js'
import { ConnectionRequest } from './connection-request.js'
import { ReadyState, type BroadcastOptions, type Connection, type PublishOptions, type SendResult } from './connection-types.js'
import { WsError } from './errors.js'
import { checkOutput } from './output-check.js'
import { maxWireBytes } from './pubsub/native-clearance.js'
import { broadcastTopics, roomTopic, roomsOf } from './pubsub/topics.js'
import { compressFlag, connectionGuard } from './security/guard.js'
import type { Transport } from './transport.js'

/** What other core modules may do with a connection beyond its public API. */
export interface ConnectionInternals {
  /** A brand check: true only for connections core built. */
  is(value: unknown): value is ConnectionImpl
  site(connection: ConnectionImpl): ConnectionSite<ConnectionImpl>
  transport(connection: ConnectionImpl): Transport
  /** Marks the connection CLOSED; returns the topics it was subscribed to, which it no longer holds. */
  markClosed(connection: ConnectionImpl): ReadonlySet<string> | undefined
  /** Sends an encoded frame through the guard; `shared`: it goes to other sockets in this call too (Transport.send). */
  sendFrame(connection: ConnectionImpl, frame: string | Uint8Array, shared?: boolean): SendResult
  /** A close decided by core (policy, limits): never throws; the reason is trimmed to fit. */
  closeQuietly(connection: ConnectionImpl, code: number, reason: string): void
  /** A frame went to the runtime without sendFrame (error frames, pings); see #handed. */
  handed(connection: ConnectionImpl, frame: string | Uint8Array): void
}

/**
 * Filled in by ConnectionImpl's static block, the only code that can read a connection's private state. Not exported
 * from the package: what a handler holds is the documented Connection and nothing else (no method, getter or symbol leads further).
 */
export let connectionInternals: ConnectionInternals
const NO_TOPICS: ReadonlySet<string> = new Set()

/**
 * The one Connection implementation, built around an adapter's Transport (composition, not a subclass per runtime). It is
 * what handlers receive, so its public members are exactly the documented Connection; what the bridge, the adapter's
 * events (connection-events.ts) and core's policies (connection-policy.ts) do goes through `connectionInternals`.
 *
 * Idle memory per connection is part of the contract, so this is one object: the queue, the guard and what the upgrade
 * established (connection-request.ts) are its base classes, and what every connection of a route shares is one `site`
 * reference. Its helpers are static: a private instance method would cost every instance a V8 brand field.
 */
export class ConnectionImpl extends ConnectionRequest implements Connection {
  // Allocated on the first subscribe: an empty Set costs ~200 bytes and many connections never subscribe.
  #topics: Set<string> | undefined
  #state: ReadyState = ReadyState.OPEN
  readonly #site: ConnectionSite<ConnectionImpl>
  readonly #transport: Transport
  constructor(init: ConnectionInit, site: ConnectionSite<ConnectionImpl>, transport: Transport) {
    super(init, site.route.context !== undefined)
    this.#site = site
    this.#transport = transport
  }

  static {
    connectionInternals = {
      is: (value): value is ConnectionImpl => typeof value === 'object' && value !== null && #site in value,
      site: (connection) => connection.#site,
      transport: (connection) => connection.#transport,
      markClosed(connection) {
        const topics = connection.#topics
        ConnectionImpl.#leaveOpen(connection, ReadyState.CLOSED)
        connection.#topics = undefined
        return topics
      },
      sendFrame: (connection, frame, shared) => ConnectionImpl.#sendFrame(connection, frame, shared),
      closeQuietly(connection, code, reason) {
        if (connection.#state !== ReadyState.OPEN) return
        ConnectionImpl.#leaveOpen(connection, ReadyState.CLOSING)
        closeSafely(connection.#transport, code, reason)
      },
      handed: (connection, frame) => ConnectionImpl.#handed(connection, frame),
    }
  }

  /** The route's key in the routes object. */
  get route(): string {
    return this.#site.name
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

  /** The adapter's socket object, for runtime-specific escape hatches. */
  get raw(): unknown {
    return this.#transport.raw
  }

  send(data: unknown): SendResult {
    if (this.#state !== ReadyState.OPEN) return 'closed'
    if (!ConnectionImpl.#outputOk(this, data)) return 'dropped'
    return ConnectionImpl.#sendFrame(this, encodeOutgoing(this.#site.text, data))
  }

  close(code: number = CloseCode.NORMAL, reason = ''): void {
    if (!isValidCloseCode(code)) throw new WsError('INVALID_CLOSE_CODE', `[wsbridge] ${code} is not a valid close code (RFC 6455 §7.4)`)
    if (closeReasonBytes(reason) > MAX_CLOSE_REASON_BYTES) {
      throw new WsError('INVALID_CLOSE_CODE', `[wsbridge] close reason is longer than ${MAX_CLOSE_REASON_BYTES} bytes`)
    }
    if (this.#state !== ReadyState.OPEN) return
    ConnectionImpl.#leaveOpen(this, ReadyState.CLOSING)
    this.#transport.close(code, reason)
  }

  terminate(): void {
    if (this.#state === ReadyState.CLOSED) return
    ConnectionImpl.#leaveOpen(this, ReadyState.CLOSING)
    this.#transport.terminate()
  }

  ping(): void {
    if (this.#state !== ReadyState.OPEN || !this.#transport.ping) return
    this.#transport.ping()
    ConnectionImpl.#handed(this, '')
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
    if (!ConnectionImpl.#outputOk(this, data)) return 0
    return this.#site.host.publish(topic, encodeOutgoing(this.#site.text, data), options?.includeSelf ? undefined : this)
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
    if (!ConnectionImpl.#outputOk(this, data)) return 0
    const topics = broadcastTopics(this.route, options?.rooms)
    return this.#site.host.publishTopics(topics, encodeOutgoing(this.#site.text, data), options?.includeSelf ? undefined : this)
  }

  /** The route's `output` check for send, publish and broadcast (see output-check.ts). */
  static #outputOk(connection: ConnectionImpl, data: unknown): boolean {
    const site = connection.#site
    return !site.validateOutput || checkOutput(site.route.output, data, (error) => site.host.reportError(error, connection))
  }

  static #sendFrame(connection: ConnectionImpl, frame: string | Uint8Array, shared?: boolean): SendResult {
    if (connection.#state !== ReadyState.OPEN) return 'closed'
    const site = connection.#site
    const transport = connection.#transport
    const verdict = connectionGuard.beforeSend(connection, site.limits, transport)
    if (verdict === 'dropped') site.instrumentation?.dropped?.(connection, frame)
    if (verdict !== 'send') return ConnectionImpl.#overLimit(connection, verdict)
    transport.send(frame, compressFlag(site.policy, frame), shared)
    if (site.instrumentation?.sent !== undefined) site.instrumentation.sent(connection, frame)
    if (transport.pubsub) site.host.nativeQueued(maxWireBytes(frame))
    return 'sent'
  }

  /** The backpressure policy for a client that is not reading: drop the frame, or report (once) and close. */
  static #overLimit(connection: ConnectionImpl, verdict: 'dropped' | 'closed' | 'overflowed'): SendResult {
    if (verdict === 'dropped') return verdict
    const error = new WsError('BACKPRESSURE')
    if (verdict === 'overflowed') connection.#site.host.reportError(error, connection)
    connectionInternals.closeQuietly(connection, error.closeCode, error.message)
    return 'closed'
  }

  /** A frame went to the runtime directly: native fan-out counts it (pubsub/native-clearance.ts). A ping counts as an empty frame. */
  static #handed(connection: ConnectionImpl, frame: string | Uint8Array): void {
    if (connection.#transport.pubsub) connection.#site.host.nativeQueued(maxWireBytes(frame))
  }

  /** Leaves OPEN; native fan-out stops counting the connection as a receiver at once (pubsub/native-fanout.ts). */
  static #leaveOpen(connection: ConnectionImpl, state: ReadyState): void {
    if (connection.#state === ReadyState.OPEN && connection.#transport.pubsub) connection.#site.host.closing(connection)
    connection.#state = state
  }
}
