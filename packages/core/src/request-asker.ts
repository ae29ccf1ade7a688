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
    const id = ++this.#next
    const frame = requestFrame(id, name, data, session)
    return new Promise((resolve, reject) => {
      const timeout = options.timeout ?? DEFAULT_REQUEST_TIMEOUT
      // Past 2^31 - 1 ms timers fire at once on every runtime: such a timeout means none (e.g. Infinity).
      const timer = timeout > MAX_TIMER ? undefined : setTimeout(() => this.#giveUp(id, new WsError('REQUEST_TIMEOUT')), timeout)
      const onAbort = signal ? () => this.#giveUp(id, new WsError('REQUEST_CANCELLED', undefined, { cause: signal.reason })) : undefined
      if (signal && onAbort) signal.addEventListener('abort', onAbort, { once: true })
      this.#pending.set(id, { frame, sent: false, resolve, reject, check, timer, signal, onAbort })
      const status = this.#send(frame)
      if (status === 'sent') this.#pending.get(id)!.sent = true
      else if (status !== 'queued') this.#settle(id)?.reject(new WsError('CONNECTION_CLOSED', 'Request could not be sent'))
    })
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

  #giveUp(id: number, error: WsError): void {
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
