import { WsError } from '@wsbridge/core'
import { connectionSnapshot, SocketEvents, type ConnectionSnapshot, type Transport } from '@wsbridge/core/adapter'
import type { CloudflareWebSocket } from './cloudflare-types.js'
import type { ObjectPubSub } from './object-pubsub.js'

/** workerd refuses to send these codes itself; a dropped peer is closed with 1011 instead. */
const TERMINATE_CODE = 1011

/**
 * How stale the client's last-frame time in an attachment may get (ms): rewriting it on every
 * message would cost a write per message, so it is rewritten once it is this far behind. A restored
 * connection counts as heard from this much later than written, so its idle timeout is never early.
 */
export const SEEN_SLACK_MS = 1000

/** What `serializeAttachment` keeps on each socket: core's snapshot and the client's last frame, under a version. */
interface Attachment {
  readonly wsbridge: 1
  readonly connection: ConnectionSnapshot
  /** Date.now() of the client's last frame, at most SEEN_SLACK_MS behind. */
  readonly seenAt?: number
}

/**
 * The snapshot a socket carries (with `silentFor` from its last frame), or undefined for a socket
 * this adapter did not attach (or an older format).
 */
export function attachmentOf(socket: CloudflareWebSocket): ConnectionSnapshot | undefined {
  const value = socket.deserializeAttachment() as Partial<Attachment> | null | undefined
  if (value?.wsbridge !== 1 || !value.connection) return undefined
  if (value.seenAt === undefined) return value.connection
  return { ...value.connection, silentFor: Math.max(0, Date.now() - (value.seenAt + SEEN_SLACK_MS)) }
}

/**
 * Core's view of one hibernatable workerd socket (send, close, terminate; no ping frame: workerd
 * sends none from a Durable Object) and the events core hands back for it: one object per connection,
 * as the Bun transport. It writes the connection's snapshot to the socket's attachment whenever
 * core changes what the snapshot holds, so the object can hibernate between any two events.
 */
export class DurableObjectSocket extends SocketEvents implements Transport {
  readonly raw: CloudflareWebSocket
  readonly pubsub: ObjectPubSub
  /** When the client's last frame arrived (Date.now()), and what the attachment says. */
  #seenAt: number
  #writtenSeenAt: number
  /** The context as last written (JSON): handlers may change it in place. */
  #writtenContext: string | undefined

  /** Set only where the client heartbeats (see the constructor): core's heartbeat runs when it is there. */
  declare readonly ping?: () => void

  /**
   * `seenAt`: the client's last frame (Date.now()), for a socket taken back after hibernation.
   * `clientHeartbeat`: the object has an auto-response, so clients heartbeat on their own. workerd
   * cannot send a ping from a Durable Object; core's heartbeat then asks nothing of the wire
   * (`ping` sends no frame) and counts the client's heartbeats as its pongs (`heard`): a client
   * silent for two intervals is terminated as dead, as on every host.
   */
  constructor(raw: CloudflareWebSocket, pubsub: ObjectPubSub, seenAt = Date.now(), clientHeartbeat = false) {
    super()
    this.raw = raw
    this.pubsub = pubsub
    this.#seenAt = this.#writtenSeenAt = seenAt
    if (clientHeartbeat) this.ping = noPing
  }

  /**
   * workerd answered the client's auto-response message at `at` (Date.now()), without waking the
   * object: if that is news, the client is alive then, for the heartbeat and the idle timeout.
   */
  heard(at: number): void {
    if (at <= this.#seenAt) return
    this.#seenAt = at
    this.pong()
  }

  /** A frame from the client: its time goes to the attachment once the written one is SEEN_SLACK_MS old. */
  override message(data: string | Uint8Array, isBinary: boolean): void {
    this.#seenAt = Date.now()
    super.message(data, isBinary)
    if (this.#seenAt - this.#writtenSeenAt >= SEEN_SLACK_MS) this.persist()
    else this.persistContext()
  }

  /** Writes the attachment again if a handler changed the connection's context since it was last written. */
  persistContext(): void {
    const connection = connectionSnapshot(this)
    if (connection && contextJson(connection.context) !== this.#writtenContext) this.persist()
  }

  /** Frames and a close held back until the socket is accepted (`hold` and `release`). */
  #held: (() => void)[] | undefined

  /** From now until `release`, what core sends or closes waits: the socket is not accepted yet. */
  hold(): void {
    this.#held = []
  }

  /** The socket was accepted: sends what was held, in order. */
  release(): void {
    const held = this.#held ?? []
    this.#held = undefined
    for (const action of held) action()
  }

  send(data: string | Uint8Array): void {
    if (this.#held) this.#held.push(() => this.raw.send(data))
    else this.raw.send(data)
  }

  /** Set once the server started closing: the close deadline is due from the next sweep. */
  closing = false

  close(code: number, reason: string): void {
    this.closing = true
    if (this.#held) this.#held.push(() => this.raw.close(code, reason))
    else this.raw.close(code, reason)
  }

  terminate(): void {
    this.closing = true
    if (this.#held) this.#held.push(() => this.terminate())
    // workerd has no abortive close; the peer is gone or about to be, so any valid code will do.
    else
      try {
        this.raw.close(TERMINATE_CODE, '')
      } catch {
        // Already closed.
      }
  }

  /** workerd does not report how much it has queued. */
  get bufferedAmount(): number {
    return 0
  }

  /** Writes the connection's current snapshot to the socket (after open, and on every topic change). */
  persist(): void {
    const connection = connectionSnapshot(this)
    if (!connection) return
    try {
      this.raw.serializeAttachment({ wsbridge: 1, connection, seenAt: this.#seenAt } satisfies Attachment)
      this.#writtenSeenAt = this.#seenAt
      this.#writtenContext = contextJson(connection.context)
    } catch (cause) {
      // Over 2,048 bytes, or a user or context that cannot be cloned: the socket works until the
      // object hibernates, and the error hooks say why it will not be taken back then.
      this.error(new WsError('INTERNAL', 'Connection state cannot be kept across hibernation', { cause }))
    }
  }
}

/** The client sends its own heartbeat; nothing goes on the wire (see DurableObjectSocket's constructor). */
function noPing(): void {}

/** A context's value for change detection; one that JSON cannot write (a cycle, a BigInt) always counts as changed. */
function contextJson(context: unknown): string | undefined {
  try {
    return JSON.stringify(context)
  } catch {
    return undefined
  }
}
