import { WsError } from './errors.js'
import { cancelFrame, DEFAULT_REQUEST_TIMEOUT, errorFromReply, requestFrame, type ReplyFrame } from './request-frames.js'
import type { RequestOptions } from './requests-types.js'
import type { ValidationResult } from './validation.js'

const MAX_TIMER = 2_147_483_647

/** Checks a reply's data before the asker resolves (the server validates what clients answer). */
export type ReplyCheck = (data: unknown) => ValidationResult | Promise<ValidationResult>

interface Pending {
  readonly frame: string
  /** False while the frame waits in a send queue; true once it went out on a socket. */
  sent: boolean
  readonly resolve: (value: unknown) => void
  readonly reject: (error: WsError) => void
  readonly check: ReplyCheck | undefined
  readonly timer: ReturnType<typeof setTimeout> | undefined
  readonly signal: AbortSignal | undefined
  readonly onAbort: (() => void) | undefined
  /** A streaming reply's receiver; undefined for a plain request. */
  readonly sink: ChunkSink | undefined
}

/** Where a streaming reply goes (request-stream-reader.ts): chunks, then the end or an error, exactly once. */
export interface ChunkSink {
  chunk(data: unknown): void
  end(): void
  fail(error: WsError): void
}

/** What the asker does with an encoded frame: `'sent'`, `'queued'` (goes out later), or refused. */
export type FrameSender = (frame: string) => 'sent' | 'queued' | 'dropped' | 'closed' | (string & {})

/**
 * The asking half of request/response, the same on the server (`connection.request`), the client
 * (`conn.request`) and the test client: ids, the reply map, timeouts and `AbortSignal`s. Every
 * request settles exactly once: reply, error reply, timeout, cancel, or `closeAll`.
 */
export class RequestAsker {
  #next = 0
  readonly #pending: Map<number, Pending> = new Map()
  readonly #send: FrameSender

  constructor(send: FrameSender) {
    this.#send = send
  }

  get size(): number {
    return this.#pending.size
  }

  ask(name: string, data: unknown, options: RequestOptions = {}, session?: string, check?: ReplyCheck): Promise<unknown> {
    const signal = options.signal
    if (signal?.aborted) return Promise.reject(new WsError('REQUEST_CANCELLED', undefined, { cause: signal.reason }))
    return new Promise((resolve, reject) => {
      this.#start(requestFrame(++this.#next, name, data, session), options.timeout ?? DEFAULT_REQUEST_TIMEOUT, signal, {
        resolve,
        reject,
        check,
        sink: undefined,
      })
    })
  }

  /**
   * Asks for a streaming reply with a first `window` of chunks: `sink` gets the chunks, then `end`
   * or `fail`. No timer (the reader times out waits for a chunk) and no session: a stream is never
   * resent. Returns the request's id, for `more` frames and `giveUp`.
   */
  stream(name: string, data: unknown, window: number, sink: ChunkSink, signal?: AbortSignal): number {
    const id = ++this.#next
    if (signal?.aborted) {
      sink.fail(new WsError('REQUEST_CANCELLED', undefined, { cause: signal.reason }))
      return id
    }
    const settle = { resolve: () => sink.end(), reject: (error: WsError) => sink.fail(error), check: undefined, sink }
    this.#start(requestFrame(id, name, data, undefined, window), Number.POSITIVE_INFINITY, signal, settle)
    return id
  }

  #start(
    frame: string,
    timeout: number,
    signal: AbortSignal | undefined,
    settle: Pick<Pending, 'resolve' | 'reject' | 'check' | 'sink'>,
  ): void {
    const id = this.#next
    // Past 2^31 - 1 ms timers fire at once on every runtime: such a timeout means none (e.g. Infinity).
    const timer = timeout > MAX_TIMER ? undefined : setTimeout(() => this.giveUp(id, new WsError('REQUEST_TIMEOUT')), timeout)
    const onAbort = signal ? () => this.giveUp(id, new WsError('REQUEST_CANCELLED', undefined, { cause: signal.reason })) : undefined
    if (signal && onAbort) signal.addEventListener('abort', onAbort, { once: true })
    this.#pending.set(id, { frame, sent: false, timer, signal, onAbort, ...settle })
    const status = this.#send(frame)
    // An in-memory answerer may have replied already, during `send`.
    const pending = this.#pending.get(id)
    if (status === 'sent') {
      if (pending) pending.sent = true
    } else if (status !== 'queued') this.#settle(id)?.reject(new WsError('CONNECTION_CLOSED', 'Request could not be sent'))
  }

  /** A chunk of a streaming reply; chunks for unknown ids (after a cancel) are ignored. */
  chunk(id: number, data: unknown): void {
    this.#pending.get(id)?.sink?.chunk(data)
  }

  /** The socket closed: streams that went out on it fail (the server stopped them; a stream is not resent). */
  dropStreams(error: WsError): void {
    for (const [id, pending] of [...this.#pending]) if (pending.sink && pending.sent) this.#settle(id)?.reject(error)
  }

  /** A reply arrived; replies to unknown ids (late, after a timeout or cancel) are ignored. */
  reply(frame: ReplyFrame): void {
    const pending = this.#settle(frame.id)
    if (!pending) return
    if (frame.e !== undefined) return pending.reject(errorFromReply(frame.e))
    if (!pending.check) return pending.resolve(frame.d)
    const checked = pending.check(frame.d)
    if (checked instanceof Promise) void checked.then((result) => finish(pending, result))
    else finish(pending, checked)
  }

  /**
   * A new socket opened: frames that went out on the old one are sent again with the same id (the
   * reply may have been lost); queued ones are about to be flushed by the send queue.
   */
  reopened(resend: (frame: string) => void): void {
    for (const pending of this.#pending.values()) {
      if (pending.sent) resend(pending.frame)
      pending.sent = true
    }
  }

  /** Rejects every pending request (the connection closed for good). */
  closeAll(error: WsError): void {
    for (const id of [...this.#pending.keys()]) this.#settle(id)?.reject(error)
  }

  /** Gives up on a pending request or stream: it rejects with `error` and the answerer gets a cancel. */
  giveUp(id: number, error: WsError): void {
    const pending = this.#settle(id)
    if (!pending) return
    pending.reject(error)
    // A request still in a send queue is cancelled through the queue too: the cancel follows it.
    this.#send(cancelFrame(id))
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id)
    if (!pending) return undefined
    this.#pending.delete(id)
    if (pending.timer !== undefined) clearTimeout(pending.timer)
    if (pending.onAbort) pending.signal?.removeEventListener('abort', pending.onAbort)
    return pending
  }
}

function finish(pending: Pending, result: ValidationResult): void {
  if (result.ok) pending.resolve(result.value)
  else pending.reject(result.error)
}
