import WebSocket from 'ws'
import type { ObserverReply, ObserverRequest, WireError } from './fixture/protocol.js'

type Pending = { readonly resolve: (value: unknown) => void; readonly reject: (error: Error) => void }

/** Distributes `Omit` over a union, so each request keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never
export type ObserverQuery = WithoutId<ObserverRequest>

const QUERY_TIMEOUT = 10_000

function remoteError(error: WireError): Error {
  return new Error(`host answered ${error.name}: ${error.message}`)
}

/** The suite's end of a host's observer route: one query at a time per id, answered in order. */
export class ObserverClient {
  readonly #socket: WebSocket
  readonly #pending: Map<number, Pending> = new Map()
  #next = 0
  #closed: Error | undefined

  private constructor(socket: WebSocket) {
    this.#socket = socket
    socket.on('message', (data) => {
      const reply = JSON.parse(String(data)) as ObserverReply
      const pending = this.#pending.get(reply.id)
      if (!pending) return
      this.#pending.delete(reply.id)
      if (reply.ok) pending.resolve(reply.result)
      else pending.reject(remoteError(reply.error))
    })
    socket.on('close', (code, reason) => this.#fail(new Error(`the observer socket closed (${code} ${String(reason)})`)))
    socket.on('error', (error) => this.#fail(error))
  }

  static open(url: string, timeout = 5000): Promise<ObserverClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url)
      const timer = setTimeout(() => {
        socket.terminate()
        reject(new Error(`the observer could not connect to ${url} within ${timeout}ms`))
      }, timeout)
      socket.once('open', () => {
        clearTimeout(timer)
        resolve(new ObserverClient(socket))
      })
      socket.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      socket.once('unexpected-response', (_, response) => {
        clearTimeout(timer)
        reject(new Error(`the observer route answered HTTP ${response.statusCode} at ${url}`))
      })
    })
  }

  query<T>(request: ObserverQuery, timeout = QUERY_TIMEOUT): Promise<T> {
    if (this.#closed) return Promise.reject(this.#closed)
    const id = ++this.#next
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id)
        reject(new Error(`the host did not answer ${request.op} within ${timeout}ms`))
      }, timeout)
      this.#pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer)
          resolve(value as T)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
      this.#socket.send(JSON.stringify({ ...request, id }))
    })
  }

  /** Sends without waiting for the answer (a shutdown takes this socket with it). */
  fire(request: ObserverQuery): void {
    if (!this.#closed) this.#socket.send(JSON.stringify({ ...request, id: ++this.#next }))
  }

  terminate(): void {
    this.#socket.terminate()
  }

  #fail(error: Error): void {
    this.#closed ??= error
    for (const pending of this.#pending.values()) pending.reject(error)
    this.#pending.clear()
  }
}
