import type { RequestOptions, StreamOf } from '../requests-types.js'
import type { WebSocketLike } from './socket.js'
import type { ConnectionState, SendStatus } from './types.js'
import type { InputOfEntry, ReplyOfEntry } from './request-handlers.js'

/** The names of a route's requests that stream (`output: chunks(schema)`). */
export type StreamNames<Q> = {
  [K in keyof Q]: Q[K] extends {
    /** A streaming entry's reply is a `StreamOf` its chunks. */
    readonly reply: StreamOf<unknown>
  }
    ? K
    : never
}[keyof Q]

/** The chunk type of a streaming request entry. */
export type ChunkOfEntry<E> = E extends { readonly reply: StreamOf<infer T> } ? T : unknown

/** A streaming reply on the client: an async iterator of chunks; `return()` (or `break`) cancels it. */
export interface ReplyStream<T> extends AsyncIterableIterator<T, undefined> {
  /** The next chunk; `done` once the reply ended. Rejects with the stream's `WsError` if it failed. */
  next(): Promise<IteratorResult<T, undefined>>
  /** Stops reading: cancels the request, so the server's iterator is returned too. */
  return(): Promise<IteratorResult<T, undefined>>
}

/** One logical connection: survives reconnects, queues while disconnected. */
export interface ClientConnection<TClient, TRequests = {}> {
  /** Where the logical connection is: connecting, open, reconnecting, closing or closed. */
  readonly state: ConnectionState
  /** WebSocket readyState of the logical connection: CONNECTING while (re)connecting. */
  readonly readyState: 0 | 1 | 2 | 3
  /** Successful reconnects so far. */
  readonly reconnects: number
  /** The current socket (replaced on every reconnect), for escape hatches. */
  readonly socket: WebSocketLike | undefined
  /** Sends a JSON message, or queues it while not open. */
  send(message: TClient): SendStatus
  /** Sends bytes as a binary frame, queued like `send`. */
  sendBinary(data: ArrayBuffer | ArrayBufferView): SendStatus
  /** Closes for good (no reconnect). Queued messages are discarded. */
  close(code?: number, reason?: string): void
  /** Resolves when the connection is (next) open; rejects once it is closed for good. */
  opened(): Promise<void>
  /**
   * Asks the server (a `requests` entry of the route) and resolves with its reply. Sent through the
   * send queue while offline; resent with the same id after a reconnect (the server runs it once).
   * Rejects with a WsError: the server's code, REQUEST_TIMEOUT, REQUEST_CANCELLED or CONNECTION_CLOSED.
   */
  request<K extends Exclude<keyof TRequests, StreamNames<TRequests>> & string>(
    name: K,
    data: InputOfEntry<TRequests[K]>,
    options?: RequestOptions,
  ): Promise<ReplyOfEntry<TRequests[K]>>
  /**
   * Asks the server for a streaming reply (a `requests` entry whose `output` is `chunks(schema)`),
   * read with `for await`. The request goes out now (queued while offline, never resent: a socket
   * that drops ends it with CONNECTION_CLOSED). `timeout` bounds each wait for the next chunk;
   * `break`, `return()` or `signal` cancel the server's iterator. Errors arrive as a thrown WsError.
   */
  stream<K extends StreamNames<TRequests> & string>(
    name: K,
    data: InputOfEntry<TRequests[K]>,
    options?: RequestOptions,
  ): ReplyStream<ChunkOfEntry<TRequests[K]>>
}
