import type { Connection } from '../connection-types.js'
import type { ReplyStream } from '../client/client-connection.js'
import { RequestEndpoint, type ClientRequestHandler } from '../request-endpoint.js'
import type { RequestContext, RequestOptions } from '../requests-types.js'
import type { ConnectionEvents, Transport } from '../transport.js'
import { decodeFrame } from './decode-frame.js'

export { decodeFrame }

/** A close as the test client saw it: who started it, with which code and reason. */
export interface TestClose {
  /** The close code, whoever closed (1006 when the socket was dropped without one). */
  readonly code: number
  /** The close reason, `''` when none. */
  readonly reason: string
  /** `'server'` for `connection.close`/policy closes, `'client'` for `client.close()`. */
  readonly by: 'server' | 'client'
}

interface Waiter {
  resolve(value: unknown): void
  reject(error: Error): void
}

/**
 * One fake client connected to a real bridge through an in-memory Transport. Everything the server
 * sends lands in `sent`; closes land in `closed`. No runtime, no sockets, no timers of its own.
 */
export class TestClient {
  /** Every message the server sent to this client, decoded (JSON values, or Uint8Array for binary). */
  readonly sent: unknown[] = []
  /** Raw frames as the server handed them to the transport. */
  readonly frames: (string | Uint8Array)[] = []
  /** The subprotocol the bridge chose for the handshake, if the client offered any. */
  readonly protocol: string | undefined
  /** Pings the server sent (heartbeat). */
  pings = 0
  /** What the transport reports as queued bytes; set it to simulate a slow consumer. */
  bufferedAmount = 0
  #closed: TestClose | undefined
  #read = 0
  #events: ConnectionEvents | undefined
  #connection: Connection | undefined
  readonly #waiters: Waiter[] = []
  readonly #closeWaiters: ((close: TestClose) => void)[] = []
  readonly #answers: Record<string, ClientRequestHandler> = Object.create(null)
  readonly #requests = new RequestEndpoint(
    (frame) => this.#sendRequestFrame(frame),
    (frame) => void this.#sendRequestFrame(frame),
    () => this.#answers,
  )

  constructor(protocol: string | undefined) {
    this.protocol = protocol
  }

  /** The server-side connection, to assert on `topics`, `context`, `user`, `readyState`. */
  get connection(): Connection {
    if (!this.#connection)
      throw new Error('[wsbridge/testing] no server-side connection: the bridge closed this upgrade at once (see `closed`)')
    return this.#connection
  }

  /** Set once the connection closed, by either side. */
  get closed(): TestClose | undefined {
    return this.#closed
  }

  /** Sends `value` as a JSON text frame (strings are JSON-encoded too, like the server's `send`). */
  send(value: unknown): void {
    this.sendText(JSON.stringify(value))
  }

  /** Sends raw text as-is: use it for invalid JSON and hand-written payloads. */
  sendText(text: string): void {
    this.#requireOpen().message(text, false)
  }

  /** Sends a binary frame, which the route's `onBinary` receives (or which closes with 1003 without one). */
  sendBinary(data: Uint8Array | ArrayBuffer): void {
    this.#requireOpen().message(data instanceof Uint8Array ? data : new Uint8Array(data), true)
  }

  /** Sends a request (`requests` on the route) and resolves with the reply; rejects with a WsError. Request frames never land in `sent`. */
  request(name: string, data?: unknown, options?: RequestOptions): Promise<unknown> {
    return this.#requests.request(name, data, options)
  }

  /** Asks for a streaming reply (`output: chunks(…)`): an async iterator of chunks, as on the typed client. */
  stream(name: string, data?: unknown, options?: RequestOptions): ReplyStream<unknown> {
    return this.#requests.stream(name, data, options)
  }

  /** Answers the server's `connection.request(name, …)` (a `clientRequests` entry) with `handler`. */
  answer(name: string, handler: (data: any, context: RequestContext) => unknown): this {
    this.#answers[name] = handler
    return this
  }

  /** Resolves with the next message not yet returned by `next()`, waiting for it if needed. */
  next(timeoutMs = 1000): Promise<unknown> {
    if (this.#read < this.sent.length) return Promise.resolve(this.sent[this.#read++])
    if (this.#closed) return Promise.reject(new Error(`[wsbridge/testing] connection closed (${this.#closed.code}) with no message left`))
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (value) => {
          clearTimeout(timer)
          resolve(value)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      }
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1)
        reject(new Error(`[wsbridge/testing] no message within ${timeoutMs} ms`))
      }, timeoutMs)
      this.#waiters.push(waiter)
    })
  }

  /** Resolves once the connection is closed (immediately if it already is). */
  waitForClose(timeoutMs = 1000): Promise<TestClose> {
    if (this.#closed) return Promise.resolve(this.#closed)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`[wsbridge/testing] not closed within ${timeoutMs} ms`)), timeoutMs)
      this.#closeWaiters.push((close) => {
        clearTimeout(timer)
        resolve(close)
      })
    })
  }

  /** Lets pending handler work settle: resolves after queued microtasks and one macrotask turn. */
  flush(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0))
  }

  /** Client-initiated close; the server's `onClose` receives this code and reason. */
  close(code = 1000, reason = ''): void {
    if (this.#closed) return
    this.#finish({ code, reason, by: 'client' })
  }

  /** @internal Links the client to the bridge once it accepted the upgrade. */
  attach(events: ConnectionEvents, connection: Connection | undefined): void {
    this.#events = events
    this.#connection = connection
  }

  /** @internal The Transport the bridge drives; it records instead of writing to a socket. */
  transport(): Transport {
    const client = this
    return {
      send: (frame) => client.#push(frame),
      // A real runtime reports the close after the handshake completes, never re-entrantly.
      close: (code, reason) => queueMicrotask(() => client.#finish({ code, reason, by: 'server' })),
      terminate: () => queueMicrotask(() => client.#finish({ code: 1006, reason: '', by: 'server' })),
      ping: () => void client.pings++,
      get bufferedAmount() {
        return client.bufferedAmount
      },
      raw: client,
    }
  }

  #push(frame: string | Uint8Array): void {
    if (this.#closed) return
    this.frames.push(frame)
    if (typeof frame === 'string' && this.#requests.receive(frame)) return
    this.sent.push(decodeFrame(frame))
    const waiter = this.#waiters.shift()
    if (waiter) waiter.resolve(this.sent[this.#read++])
  }

  #sendRequestFrame(frame: string): 'sent' | 'closed' {
    if (this.#closed) return 'closed'
    this.sendText(frame)
    return 'sent'
  }

  #finish(close: TestClose): void {
    if (this.#closed) return
    this.#closed = close
    this.#events?.closed(close.code, close.reason)
    this.#requests.closed(close.code)
    for (const waiter of this.#waiters.splice(0)) waiter.reject(new Error(`[wsbridge/testing] connection closed (${close.code})`))
    for (const resolve of this.#closeWaiters.splice(0)) resolve(close)
  }

  #requireOpen(): ConnectionEvents {
    if (!this.#events) throw new Error('[wsbridge/testing] client is not connected')
    if (this.#closed) throw new Error(`[wsbridge/testing] cannot send: connection closed (${this.#closed.code})`)
    return this.#events
  }
}
