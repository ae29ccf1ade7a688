import { WsError } from './errors.js'
import type { ChunkSink, FrameSender, RequestAsker } from './request-asker.js'
import { DEFAULT_REQUEST_TIMEOUT, moreFrame } from './request-frames.js'
import type { RequestOptions } from './requests-types.js'

const MAX_TIMER = 2_147_483_647

/** Chunks the asker lets the server send ahead of its reader (the request's first window). */
export const STREAM_WINDOW = 16

interface Waiter<T> {
  readonly resolve: (result: IteratorResult<T, undefined>) => void
  readonly reject: (error: WsError) => void
}

const DONE: IteratorResult<never, undefined> = { done: true, value: undefined }

/**
 * The asker's end of a streaming reply, as an async iterator: `for await (const chunk of
 * conn.stream(name, data))`. It holds at most one window of chunks: it grants the server more
 * (`more` frames) only as its reader takes them. `timeout` bounds each wait for a chunk, not the
 * whole stream, so a long stream that keeps coming never times out and a slow reader never makes
 * it time out. Breaking out of the loop (`return()`) cancels the server's iterator.
 */
export class ReplyStream<T> implements AsyncIterableIterator<T, undefined>, ChunkSink {
  readonly #asker: RequestAsker
  readonly #send: FrameSender
  readonly #timeout: number
  readonly #chunks: unknown[] = []
  readonly #waiters: Waiter<T>[] = []
  #end: { readonly error?: WsError } | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #taken = 0
  readonly #id: number

  constructor(asker: RequestAsker, send: FrameSender, name: string, data: unknown, options: RequestOptions = {}) {
    this.#asker = asker
    this.#send = send
    this.#timeout = options.timeout ?? DEFAULT_REQUEST_TIMEOUT
    this.#id = asker.stream(name, data, STREAM_WINDOW, this, options.signal)
  }

  [Symbol.asyncIterator](): this {
    return this
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.#chunks.length > 0) return Promise.resolve(this.#take(this.#chunks.shift()))
    const end = this.#end
    if (end !== undefined) {
      // An error is thrown once; the iterator is done after it.
      this.#end = {}
      return end.error ? Promise.reject(end.error) : Promise.resolve(DONE)
    }
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject })
      if (this.#timer === undefined && this.#timeout <= MAX_TIMER) {
        this.#timer = setTimeout(() => this.#asker.giveUp(this.#id, new WsError('REQUEST_TIMEOUT')), this.#timeout)
      }
    })
  }

  /** The reader stopped (`break`, `return`): the server's iterator is cancelled, buffered chunks dropped. */
  return(): Promise<IteratorResult<T, undefined>> {
    if (this.#end === undefined) {
      this.#end = {}
      this.#asker.giveUp(this.#id, new WsError('REQUEST_CANCELLED'))
    }
    this.#chunks.length = 0
    this.#finish()
    return Promise.resolve(DONE)
  }

  /** @internal ChunkSink: a chunk arrived. */
  chunk(data: unknown): void {
    if (this.#end !== undefined) return
    this.#stopTimer()
    const waiter = this.#waiters.shift()
    if (waiter) waiter.resolve(this.#take(data))
    else this.#chunks.push(data)
  }

  /** @internal ChunkSink: the server's iterator ended. */
  end(): void {
    this.#end ??= {}
    this.#finish()
  }

  /** @internal ChunkSink: the stream failed (error reply, timeout, cancel, close). */
  fail(error: WsError): void {
    if (this.#end !== undefined) return
    this.#end = { error }
    this.#finish()
  }

  /** Settles waiting reads once the stream is over (buffered chunks are still read first). */
  #finish(): void {
    this.#stopTimer()
    if (this.#waiters.length === 0) return
    const error = this.#end?.error
    if (error) this.#end = {}
    for (const [index, waiter] of this.#waiters.splice(0).entries()) {
      if (error && index === 0) waiter.reject(error)
      else waiter.resolve(DONE)
    }
  }

  #take(data: unknown): IteratorResult<T, undefined> {
    // Credit back in half-window steps: one `more` frame per 8 chunks, and the server never idles on a reader keeping up.
    if (this.#end === undefined && ++this.#taken >= STREAM_WINDOW / 2) {
      this.#send(moreFrame(this.#id, this.#taken))
      this.#taken = 0
    }
    return { done: false, value: data as T }
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
  }
}
