import type { Bridge } from '../bridge-types.js'
import { WsError } from '../errors.js'
import { refusalHttp } from '../upgrade-response.js'
import { answerUpgradeSocket, type UpgradeSocket } from './upgrade-socket.js'

/** The parts of Node's IncomingMessage the guard reads. */
export interface UpgradeRequestLike {
  readonly url?: string | undefined
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly socket?: { readonly remoteAddress?: string | undefined } | undefined
}

/** The part of a node:http server the guard watches: Node hands an upgrade over with `server.emit('upgrade', …)`. */
export interface UpgradeServer {
  emit(event: string | symbol, ...args: any[]): boolean
}

/**
 * A deadline on every socket a Node server hands to its `'upgrade'` listeners, for adapters that do
 * not own that event (Hono's Node helpers do). Node stops timing a socket once it is an upgrade
 * (`headersTimeout` and `requestTimeout` no longer apply) and leaves it to the listeners; one that
 * ignores it holds it forever: @hono/node-server 2 ignores every upgrade whose `Upgrade` header is
 * not `websocket`, including one Node dropped because it came after 2,000 raw header entries.
 *
 * `watch(server)` starts a deadline (the bridge's `handshakeTimeout`) for each such socket. When it
 * passes, a socket nobody has written a byte to is answered 503 `Handshake timed out` and closed;
 * one that was answered (a 101, a refusal) or closed is left alone. `settle(socket)` ends the
 * deadline early, once the adapter has answered or handed the socket to the runtime's upgrade, so
 * nothing of an open connection is kept until the deadline.
 */
export class UpgradeGuard {
  readonly #bridge: Bridge
  readonly #pending: Map<UpgradeSocket, ReturnType<typeof setTimeout>> = new Map()
  readonly #watched: WeakSet<object> = new WeakSet()

  constructor(bridge: Bridge) {
    this.#bridge = bridge
  }

  /**
   * Puts the deadline on every upgrade socket `server` hands out from now on. Idempotent; returns
   * `server`. It wraps the server's `emit` instead of adding an `'upgrade'` listener: node-server
   * writes its answer to an upgrade it does not take only while it is the server's one listener.
   */
  watch<S extends UpgradeServer>(server: S): S {
    const timeout = this.#bridge.handshakeTimeout
    if (this.#watched.has(server) || !(timeout > 0)) return server
    this.#watched.add(server)
    const emit = server.emit
    const start = (request: UpgradeRequestLike, socket: UpgradeSocket): void => this.#start(request, socket, timeout)
    server.emit = function watchedEmit(this: S, event: string | symbol, ...args: any[]): boolean {
      // First, so the deadline runs whatever the listeners do (or throw).
      if (event === 'upgrade') start(args[0] as UpgradeRequestLike, args[1] as UpgradeSocket)
      return emit.call(this, event, ...args)
    }
    return server
  }

  #start(request: UpgradeRequestLike, socket: UpgradeSocket, timeout: number): void {
    // Only what a refusal report needs: the request itself is not kept alive until the deadline.
    const url = request.url ?? '/'
    const ip = request.socket?.remoteAddress
    const timer = setTimeout(() => this.#expire(socket, url, ip), timeout)
    ;(timer as { unref?: () => void }).unref?.()
    this.#pending.set(socket, timer)
  }

  /** The adapter has answered `socket` or handed it to the runtime's upgrade: no deadline any more. */
  settle(socket: UpgradeSocket): void {
    const timer = this.#pending.get(socket)
    if (timer === undefined) return
    clearTimeout(timer)
    this.#pending.delete(socket)
  }

  #expire(socket: UpgradeSocket, url: string, ip: string | undefined): void {
    this.#pending.delete(socket)
    if (socket.destroyed || (socket.bytesWritten ?? 0) > 0) return
    const rejected = this.#bridge.refuse({ url, headers: {}, ip }, new WsError('HANDSHAKE_TIMEOUT'))
    answerUpgradeSocket(socket, refusalHttp(rejected))
  }
}
