import { backoffDelay } from './backoff.js'
import { Heartbeat } from './heartbeat.js'
import { decodeIncoming } from './incoming.js'
import { emitError, toError, willReconnect } from './policy.js'
import { ResumeTracker } from './resume-tracker.js'
import { SendQueue, type QueuedFrame } from './send-queue.js'
import { dropSocket, type WebSocketConstructor, type WebSocketLike } from './socket.js'
import type { ClientConnection, ConnectionState, ConnectOptions, SendStatus } from './types.js'

const OPEN = 1
const READY_STATE = { connecting: 0, reconnecting: 0, open: 1, closing: 2, closed: 3 } as const

/**
 * One logical connection over a sequence of sockets. It owns the state machine
 * connecting → open → (reconnecting → open)* → closing → closed, the send queue that bridges the
 * gaps, the heartbeat and the resume positions. Events from a socket that is no longer current are
 * ignored, so a late close from an abandoned socket can never disturb its successor.
 */
export class ReconnectingConnection implements ClientConnection<unknown> {
  readonly #WebSocket: WebSocketConstructor
  readonly #url: (resume: string | undefined) => string
  readonly #options: ConnectOptions<unknown>
  readonly #queue: SendQueue
  readonly #heartbeat: Heartbeat | undefined
  readonly #resume = new ResumeTracker()
  #state: ConnectionState = 'connecting'
  #socket: WebSocketLike | undefined
  #socketOpened = false
  #failures = 0
  #reconnects = 0
  #everOpened = false
  #timer: ReturnType<typeof setTimeout> | undefined
  #waiters: { resolve: () => void; reject: (error: Error) => void }[] = []

  constructor(WebSocket: WebSocketConstructor, url: (resume: string | undefined) => string, options: ConnectOptions<unknown>) {
    this.#WebSocket = WebSocket
    this.#url = url
    this.#options = options
    this.#queue = new SendQueue(options.queue)
    const heartbeat = options.heartbeat
    this.#heartbeat = heartbeat
      ? new Heartbeat(
          heartbeat,
          (frame) => this.#socket?.send(frame),
          () => this.#heartbeatFailed(),
        )
      : undefined
    // The first URL is built here so a missing path parameter throws at the call site.
    this.#open(url(undefined))
  }

  get state(): ConnectionState {
    return this.#state
  }

  get readyState(): 0 | 1 | 2 | 3 {
    return READY_STATE[this.#state]
  }

  get reconnects(): number {
    return this.#reconnects
  }

  get socket(): WebSocketLike | undefined {
    return this.#socket
  }

  send(message: unknown): SendStatus {
    return this.#sendFrame(JSON.stringify(message) ?? 'null')
  }

  sendBinary(data: ArrayBuffer | ArrayBufferView): SendStatus {
    return this.#sendFrame(data)
  }

  close(code = 1000, reason = ''): void {
    if (this.#state === 'closing' || this.#state === 'closed') return
    clearTimeout(this.#timer)
    this.#queue.clear()
    this.#heartbeat?.stop()
    const socket = this.#socket
    if (socket && socket.readyState === OPEN) {
      this.#setState('closing')
      socket.close(code, reason)
      return
    }
    // Not open (connecting, or waiting to reconnect): abandon the attempt and finish now.
    if (socket) dropSocket(socket)
    this.#socket = undefined
    this.#finish(code, reason, true)
  }

  opened(): Promise<void> {
    if (this.#state === 'open') return Promise.resolve()
    if (this.#state === 'closed' || this.#state === 'closing') return Promise.reject(new Error('[wsbridge] connection is closed'))
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }))
  }

  #sendFrame(frame: QueuedFrame): SendStatus {
    if (this.#state === 'closing' || this.#state === 'closed') return 'dropped'
    const socket = this.#socket
    if (this.#state === 'open' && socket?.readyState === OPEN) {
      socket.send(frame)
      return 'sent'
    }
    return this.#queue.push(frame) ? 'queued' : 'dropped'
  }

  #open(url: string): void {
    const socket = new this.#WebSocket(url, this.#options.protocols)
    socket.binaryType = 'arraybuffer'
    this.#socket = socket
    this.#socketOpened = false
    socket.onopen = () => socket === this.#socket && this.#opened(socket)
    socket.onmessage = (event: { data: unknown }) => socket === this.#socket && this.#received(event.data)
    socket.onclose = (event: { code: number; reason: string }) => socket === this.#socket && this.#closed(event.code, event.reason)
    socket.onerror = (event: { message?: unknown }) => {
      if (socket !== this.#socket) return
      const detail = typeof event?.message === 'string' && event.message ? `: ${event.message}` : ''
      this.#emitError(new Error(`[wsbridge] WebSocket error${detail}`))
    }
  }

  #opened(socket: WebSocketLike): void {
    const reconnected = this.#everOpened
    this.#everOpened = true
    this.#socketOpened = true
    this.#failures = 0
    if (reconnected) this.#reconnects++
    this.#setState('open')
    this.#heartbeat?.alive()
    const info = { reconnects: this.#reconnects }
    if (reconnected) this.#call(() => this.#options.onReconnect?.(info))
    this.#call(() => this.#options.onOpen?.(info))
    // Hooks may have closed the connection or lost the socket; flush only onto the same open socket.
    if (this.#state !== 'open' || this.#socket !== socket) return
    for (const frame of this.#queue.drain()) socket.send(frame)
    for (const waiter of this.#waiters.splice(0)) waiter.resolve()
  }

  #received(data: unknown): void {
    this.#heartbeat?.alive()
    const incoming = decodeIncoming(data, this.#resume)
    const options = this.#options
    if (incoming.kind === 'message') this.#call(() => options.onMessage?.(incoming.value))
    else if (incoming.kind === 'binary') this.#call(() => options.onBinary?.(incoming.data))
    else if (incoming.kind === 'gap') this.#call(() => options.onResumeGap?.(incoming.gap))
    else if (incoming.kind === 'error') this.#emitError(incoming.error)
  }

  #closed(code: number, reason: string): void {
    const wasOpen = this.#socketOpened
    this.#socket = undefined
    this.#heartbeat?.stop()
    if (this.#state === 'closing' || !willReconnect(this.#options, this.#failures, code, reason)) {
      this.#finish(code, reason, true)
      return
    }
    // Failed attempts against a server that is still down are not reported as closes, only opened sockets.
    if (wasOpen) this.#call(() => this.#options.onClose?.(code, reason, { willReconnect: true }))
    if (this.#state !== 'closed') this.#scheduleReconnect()
  }

  #scheduleReconnect(): void {
    this.#setState('reconnecting')
    const reconnect = this.#options.reconnect
    const delay = backoffDelay(this.#failures, reconnect === false ? {} : reconnect)
    this.#failures++
    this.#timer = setTimeout(() => {
      if (this.#state !== 'reconnecting') return
      try {
        this.#open(this.#url(this.#options.resume === false ? undefined : this.#resume.encode()))
      } catch (error) {
        this.#emitError(toError(error))
        this.#finish(1006, 'Could not reconnect', false)
      }
    }, delay)
  }

  #heartbeatFailed(): void {
    const socket = this.#socket
    if (!socket) return
    dropSocket(socket)
    this.#emitError(new Error('[wsbridge] heartbeat timeout: no frame from the server'))
    this.#closed(1006, 'Heartbeat timeout')
  }

  #finish(code: number, reason: string, notify: boolean): void {
    this.#setState('closed')
    this.#queue.clear()
    if (notify) this.#call(() => this.#options.onClose?.(code, reason, { willReconnect: false }))
    const error = new Error(`[wsbridge] connection closed (${code}${reason ? ` ${reason}` : ''})`)
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error)
  }

  #setState(state: ConnectionState): void {
    const previous = this.#state
    if (previous === state) return
    this.#state = state
    this.#call(() => this.#options.onStateChange?.(state, previous))
  }

  #emitError(error: Error): void {
    emitError(this.#options.onError, error)
  }

  /** User callbacks never break the state machine; what they throw goes to onError. */
  #call(callback: () => unknown): void {
    try {
      callback()
    } catch (error) {
      this.#emitError(toError(error))
    }
  }
}
