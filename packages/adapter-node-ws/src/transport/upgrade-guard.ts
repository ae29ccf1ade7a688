import { WsError, type Bridge } from '@wsbridge/core'
import { refusalHttp, refuseRequestTarget, upgradeUrl } from '@wsbridge/core/adapter'
import { answerUpgradeSocket, type UpgradeSocket } from './upgrade-socket.js'

/** The parts of Node's IncomingMessage the guard reads. */
export interface UpgradeRequestLike {
  /** The request target, for the refusal's log line. */
  readonly url?: string | undefined
  /** The request's headers, as node:http parsed them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  /** The TCP socket, for the peer's address. */
  readonly socket?:
    | {
        /** The peer's IP address. */
        readonly remoteAddress?: string | undefined
      }
    | undefined
}

/** The part of a node:http server the guard watches: Node hands an upgrade over with `server.emit('upgrade', …)`. */
export interface UpgradeServer {
  /** Node's `EventEmitter.emit`, which the guard wraps to see each `'upgrade'`. */
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
 *
 * It also refuses an invalid request target under the prefix (a `\`, a broken `%` escape) in core's
 * words before any listener sees it: @hono/node-server answers a `\` in the path with a bare 400
 * of its own before the app runs, where every other Node host gives core's (request-target.ts).
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
    if (this.#watched.has(server)) return server
    this.#watched.add(server)
    const timeout = this.#bridge.handshakeTimeout
    const emit = server.emit
    const guard = (request: UpgradeRequestLike, socket: UpgradeSocket): boolean => {
      if (this.#refusedTarget(request, socket)) return true
      if (timeout > 0) this.#start(request, socket, timeout)
      return false
    }
    server.emit = function watchedEmit(this: S, event: string | symbol, ...args: any[]): boolean {
      // First, so the deadline runs whatever the listeners do (or throw); a refused target reaches no listener.
      if (event === 'upgrade' && guard(args[0] as UpgradeRequestLike, args[1] as UpgradeSocket)) return true
      return emit.call(this, event, ...args)
    }
    return server
  }

  /** Answers `socket` with core's 400 when the request's raw target is invalid and under the prefix. */
  #refusedTarget(request: UpgradeRequestLike, socket: UpgradeSocket): boolean {
    const target = request.url ?? '/'
    const host = request.headers['host']
    const url = upgradeUrl(target, typeof host === 'string' ? host : undefined)
    const rejected = refuseRequestTarget(this.#bridge, { url, headers: request.headers, ip: request.socket?.remoteAddress }, target)
    if (rejected) answerUpgradeSocket(socket, refusalHttp(rejected))
    return rejected !== undefined
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
