import { WsError } from './errors.js'
import { RequestAsker, type FrameSender } from './request-asker.js'
import { ReplyStream } from './request-stream-reader.js'
import { asRequestProtocolFrame, errorReplyFrame, isRequestProtocolText, replyFrame, type RequestFrame } from './request-frames.js'
import type { RequestContext, RequestOptions } from './requests-types.js'

/** A client-side handler for a request the server sends (a route's `clientRequests` entry). */
export type ClientRequestHandler = (data: never, context: RequestContext) => unknown

/**
 * The client end of request/response, shared by `@wsbridge/core/client` and the in-memory test
 * client: asks the server (RequestAsker) and answers the server's requests with the handlers the
 * application registered. The client has no schemas at runtime: the server validates what the
 * client sends and what it replies.
 */
export class RequestEndpoint {
  readonly asker: RequestAsker
  readonly #running: Map<number, AbortController> = new Map()
  readonly #handlers: () => Readonly<Record<string, ClientRequestHandler>> | undefined
  readonly #reply: (frame: string) => void
  readonly #session: string | undefined
  readonly #send: FrameSender

  /**
   * `send` carries requests and cancels (queued while offline); `reply` answers the server on the
   * current socket only (a reply is useless on another one: the server aborted that request).
   */
  constructor(
    send: FrameSender,
    reply: (frame: string) => void,
    handlers: () => Readonly<Record<string, ClientRequestHandler>> | undefined,
    session?: string,
  ) {
    this.asker = new RequestAsker(send)
    this.#send = send
    this.#reply = reply
    this.#handlers = handlers
    this.#session = session
  }

  request(name: string, data: unknown, options?: RequestOptions): Promise<unknown> {
    return this.asker.ask(name, data, options, this.#session)
  }

  /** Asks for a streaming reply (`output: chunks(…)`), read as an async iterator. */
  stream(name: string, data: unknown, options?: RequestOptions): ReplyStream<unknown> {
    return new ReplyStream(this.asker, this.#send, name, data, options)
  }

  /** Handles a request, reply or cancel frame; false for every other frame (a message for the app). */
  receive(text: string): boolean {
    if (!isRequestProtocolText(text)) return false
    let frame: ReturnType<typeof asRequestProtocolFrame>
    try {
      frame = asRequestProtocolFrame(JSON.parse(text))
    } catch {
      return false
    }
    if (frame === undefined) return false
    if (frame['~'] === 'res') this.asker.reply(frame)
    else if (frame['~'] === 'chunk') this.asker.chunk(frame.id, frame.d)
    else if (frame['~'] === 'cancel') this.#running.get(frame.id)?.abort(new WsError('REQUEST_CANCELLED'))
    // The client sends no streaming replies (server → client streaming is not supported): `more` is ignored.
    else if (frame['~'] === 'req') this.#answer(frame)
    return true
  }

  /** The socket closed: handlers still running for the server lose their asker (their signal aborts). */
  socketClosed(): void {
    const error = new WsError('CONNECTION_CLOSED')
    for (const controller of this.#running.values()) controller.abort(error)
    this.#running.clear()
    this.asker.dropStreams(error)
  }

  /** The connection closed for good: pending requests reject with CONNECTION_CLOSED. */
  closed(code: number): void {
    this.socketClosed()
    this.asker.closeAll(new WsError('CONNECTION_CLOSED', `Connection closed (${code})`))
  }

  #answer(frame: RequestFrame): void {
    const handlers = this.#handlers()
    const handler = handlers && Object.hasOwn(handlers, frame.n) ? handlers[frame.n] : undefined
    if (handler === undefined) {
      return this.#reply(errorReplyFrame(frame.id, new WsError('UNKNOWN_REQUEST', `No handler for request ${JSON.stringify(frame.n)}`)))
    }
    const controller = new AbortController()
    this.#running.set(frame.id, controller)
    const signal = controller.signal
    void (async () => {
      try {
        return replyFrame(frame.id, await handler(frame.d as never, { signal, id: frame.id }))
      } catch (thrown) {
        return errorReplyFrame(frame.id, thrown)
      }
    })().then((reply) => {
      if (this.#running.get(frame.id) === controller) this.#running.delete(frame.id)
      if (!signal.aborted) this.#reply(reply)
    })
  }
}

/** A random session id for at-most-once resends (128 bits, hex), from Web Crypto on every runtime. */
export function createSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let id = ''
  for (const byte of bytes) id += byte.toString(16).padStart(2, '0')
  return id
}
