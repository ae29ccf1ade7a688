import { createSessionId, RequestEndpoint } from '../request-endpoint.js'
import type { AnyClientRequests, RequestOptions } from '../requests-types.js'
import { deliver } from './deliver.js'
import { Heartbeat } from './heartbeat.js'
import { Hooks } from './hooks.js'
import { OpenWaiters } from './open-waiters.js'
import { toError } from './policy.js'
import { ReconnectSchedule } from './reconnect-schedule.js'
import { RestoreStep } from './restore.js'
import { ResumeTracker } from './resume-tracker.js'
import type { RoutedOptions } from './route-watch.js'
import { OPEN, READY_STATE, sendOrQueue } from './send-frame.js'
import { SendQueue, type QueuedFrame } from './send-queue.js'
import { dropSocket, type WebSocketConstructor, type WebSocketLike } from './socket.js'
import { openSocket, type SocketListener } from './socket-listener.js'
import { TokenRefresh } from './token-refresh.js'
import type { ClientConnection, ConnectionState, ReplyStream, SendStatus } from './types.js'

/**
 * One logical connection over a sequence of sockets: the state machine connecting → open → (reconnecting → open)* → closing →
 * closed, the send queue that bridges the gaps, heartbeat, token refresh (token-refresh.ts) and resume positions; when to try
 * again is reconnect-schedule.ts's, a new socket counts as open once onRestore is done (restore.ts). */
export class ReconnectingConnection implements ClientConnection<unknown, AnyClientRequests> {
  readonly #WebSocket: WebSocketConstructor
  readonly #url: (resume: string | undefined) => string
  readonly #options: RoutedOptions
  readonly #queue: SendQueue
  readonly #heartbeat: Heartbeat | undefined
  readonly #resume = new ResumeTracker()
  readonly #retry: ReconnectSchedule
  readonly #hooks: Hooks
  readonly #restore = new RestoreStep()
  readonly #refresh: TokenRefresh
  readonly #events: SocketListener = {
    open: (socket) => this.#restore.start(socket, this.#options, this.#reconnects + Number(this.#everOpened), () => this.#opened(socket)),
    message: (data) => this.#received(data),
    close: (code, reason) => this.#closed(code, reason),
    error: (error) => this.#hooks.error(this.#options.route?.failed(error, this.#socket, this.#socketOpened) ?? error),
  }
  #state: ConnectionState = 'connecting'
  #socket: WebSocketLike | undefined
  #socketOpened = false
  #reconnects = 0
  #everOpened = false
  readonly #waiters = new OpenWaiters()
  // Requests go through the send queue; replies to the server only onto the socket that asked.
  readonly #requests = new RequestEndpoint(
    (frame) => this.#sendFrame(frame),
    (frame) => this.#socket?.readyState === OPEN && this.#socket.send(frame),
    () => this.#options.requests as never,
    createSessionId(),
  )
  readonly request = (name: string, data: unknown, options?: RequestOptions): Promise<unknown> =>
    this.#requests.request(name, data, options)
  readonly stream = (name: string, data: unknown, options?: RequestOptions): ReplyStream<unknown> =>
    this.#requests.stream(name, data, options)

  constructor(WebSocket: WebSocketConstructor, url: (resume: string | undefined) => string, options: RoutedOptions) {
    this.#WebSocket = WebSocket
    this.#url = url
    this.#options = options
    this.#queue = new SendQueue(options.queue)
    this.#retry = new ReconnectSchedule(options)
    this.#hooks = new Hooks(options)
    this.#refresh = new TokenRefresh(options, (frame) => this.#socket?.send(frame), this.#hooks)
    this.#heartbeat = options.heartbeat ? new Heartbeat(options.heartbeat, (f) => this.#socket?.send(f), this.#heartbeatFailed) : undefined
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
    return this.#sendFrame(this.#options.route ? this.#options.route.encode(message) : (JSON.stringify(message) ?? 'null'))
  }

  sendBinary(data: ArrayBuffer | ArrayBufferView): SendStatus {
    return this.#sendFrame(data)
  }

  close(code = 1000, reason = ''): void {
    if (this.#state === 'closing' || this.#state === 'closed') return
    this.#retry.cancel()
    this.#queue.clear()
    this.#heartbeat?.stop()
    this.#refresh.stop()
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
    return this.#waiters.wait(this.#state)
  }

  #sendFrame(frame: QueuedFrame): SendStatus {
    return sendOrQueue(this.#state, this.#socket, this.#queue, frame)
  }

  #open(url: string): void {
    this.#socket = openSocket(this.#WebSocket, url, this.#options.protocols, (socket) => socket === this.#socket, this.#events)
    this.#socketOpened = false
  }

  #opened(socket: WebSocketLike): void {
    const reconnected = this.#everOpened
    this.#everOpened = true
    this.#socketOpened = true
    this.#retry.succeeded()
    if (reconnected) this.#reconnects++
    this.#setState('open')
    this.#heartbeat?.alive()
    const info = { reconnects: this.#reconnects }
    if (reconnected) this.#hooks.call(() => this.#options.onReconnect?.(info))
    this.#hooks.call(() => this.#options.onOpen?.(info))
    // Hooks may have closed the connection or lost the socket; flush only onto the same open socket.
    if (this.#state !== 'open' || this.#socket !== socket) return
    // Requests whose reply the old socket lost go again, same id (the server answers each id once).
    this.#requests.asker.reopened((frame) => socket.send(frame))
    for (const frame of this.#queue.drain()) socket.send(frame)
    this.#waiters.resolve()
  }

  #received(data: unknown): void {
    this.#heartbeat?.alive()
    deliver(data, this.#resume, this.#requests, this.#options, this.#hooks, this.#options.route?.text, (ms) => this.#refresh.announced(ms))
  }

  #closed(code: number, reason: string): void {
    const wasOpen = this.#socketOpened
    this.#socket = undefined
    this.#restore.cancel()
    this.#heartbeat?.stop()
    this.#refresh.stop()
    this.#requests.socketClosed()
    if (this.#state === 'closing' || this.#options.route?.noRoute || !this.#retry.allows(code, reason)) {
      this.#finish(code, reason, true)
      return
    }
    // Failed attempts against a server that is still down are not reported as closes, only opened sockets.
    if (wasOpen) this.#hooks.call(() => this.#options.onClose?.(code, reason, { willReconnect: true }))
    if (this.#state !== 'closed') this.#scheduleReconnect()
  }

  #scheduleReconnect(): void {
    this.#setState('reconnecting')
    this.#retry.schedule(() => {
      if (this.#state !== 'reconnecting') return
      try {
        this.#open(this.#url(this.#options.resume === false ? undefined : this.#resume.encode()))
      } catch (error) {
        this.#hooks.error(toError(error))
        this.#finish(1006, 'Could not reconnect', false)
      }
    })
  }

  readonly #heartbeatFailed = (): void => {
    if (!this.#socket) return
    dropSocket(this.#socket)
    this.#hooks.error(new Error('[wsbridge] heartbeat timeout: no frame from the server'))
    this.#closed(1006, 'Heartbeat timeout')
  }

  #finish(code: number, reason: string, notify: boolean): void {
    this.#setState('closed')
    this.#queue.clear()
    if (notify) this.#hooks.call(() => this.#options.onClose?.(code, reason, { willReconnect: false }))
    this.#waiters.reject(new Error(`[wsbridge] connection closed (${code}${reason ? ` ${reason}` : ''})`))
    this.#requests.closed(code)
  }

  #setState(state: ConnectionState): void {
    const previous = this.#state
    if (previous === state) return
    this.#state = state
    this.#hooks.call(() => this.#options.onStateChange?.(state, previous))
  }
}
