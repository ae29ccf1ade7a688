import { WsError } from '@wsbridge/core'
import { connectionSnapshot, SocketEvents, type ConnectionSnapshot, type Transport } from '@wsbridge/core/adapter'
import type { CloudflareWebSocket } from './cloudflare-types.js'
import type { ObjectPubSub } from './object-pubsub.js'

/** workerd refuses to send these codes itself; a dropped peer is closed with 1011 instead. */
const TERMINATE_CODE = 1011

/** What `serializeAttachment` keeps on each socket: core's snapshot, under a version. */
interface Attachment {
  readonly wsbridge: 1
  readonly connection: ConnectionSnapshot
}

/** The snapshot a socket carries, or undefined for a socket this adapter did not attach (or an older format). */
export function attachmentOf(socket: CloudflareWebSocket): ConnectionSnapshot | undefined {
  const value = socket.deserializeAttachment() as Partial<Attachment> | null | undefined
  return value?.wsbridge === 1 ? value.connection : undefined
}

/**
 * Core's view of one hibernatable workerd socket (send, close, terminate; no ping: workerd sends
 * none from a Durable Object) and the events core hands back for it: one object per connection,
 * as the Bun transport. It writes the connection's snapshot to the socket's attachment whenever
 * core changes what the snapshot holds, so the object can hibernate between any two events.
 */
export class DurableObjectSocket extends SocketEvents implements Transport {
  readonly raw: CloudflareWebSocket
  readonly pubsub: ObjectPubSub

  constructor(raw: CloudflareWebSocket, pubsub: ObjectPubSub) {
    super()
    this.raw = raw
    this.pubsub = pubsub
  }

  send(data: string | Uint8Array): void {
    this.raw.send(data)
  }

  close(code: number, reason: string): void {
    this.raw.close(code, reason)
  }

  terminate(): void {
    // workerd has no abortive close; the peer is gone or about to be, so any valid code will do.
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
      this.raw.serializeAttachment({ wsbridge: 1, connection } satisfies Attachment)
    } catch (cause) {
      // Over 2,048 bytes, or a user or context that cannot be cloned: the socket works until the
      // object hibernates, and the error hooks say why it will not be taken back then.
      this.error(new WsError('INTERNAL', 'Connection state cannot be kept across hibernation', { cause }))
    }
  }
}
