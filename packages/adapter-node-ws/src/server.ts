import { EventEmitter } from 'node:events'
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WsError, type Bridge, type BridgeOptions, type Routes, type UpgradeRequest } from '@wsbridge/core'
import {
  handshakeError,
  refuseRequestTarget,
  toBridge,
  type AcceptedUpgrade,
  type RouteMatch,
  type UpgradeDecision,
} from '@wsbridge/core/adapter'
import { wsServerOptions, wsWithCloseReasons } from '@wsbridge/core/sockets'
import { WebSocket, WebSocketServer } from 'ws'
import { answerRefusal, notFoundRefusal, refuseUpgrade } from './refuse.js'
import { requestUpgradeUrl } from './upgrade-url.js'
import { wireSocket } from './wire.js'

export type NodeWebSocketServerOptions = BridgeOptions

export type UpgradeCallback = (ws: WebSocket, request: IncomingMessage) => void

/**
 * A wsbridge server on `ws`. It is an EventEmitter: `'connection'` `(ws, request)` is emitted once
 * per accepted socket unless `handleUpgrade` was given a callback (which then gets the socket
 * instead; the tutorial's `ws => wss.emit('connection', ws, req)` callback is therefore harmless).
 */
export interface NodeWebSocketServer<R extends Routes = Routes> extends EventEmitter {
  readonly bridge: Bridge<R>
  /** The underlying `ws` server (noServer mode), for escape hatches. */
  readonly wss: WebSocketServer
  /** Upgrades `request` if it matches a route (after origin/auth checks); 404s it otherwise. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, callback?: UpgradeCallback): void
  /**
   * Listens to `server`'s `'upgrade'` event. Requests for no route are left to the server's other
   * `'upgrade'` listeners when it has any, and answered 404 otherwise.
   */
  attach<S extends Server>(server: S): S
  /** Closes every connection with 1001 (waiting for them, see `bridge.close`), then the ws server. */
  close(): Promise<void>
}

/**
 * Creates a wsbridge server on the `ws` package in noServer mode.
 * @see https://github.com/websockets/ws/blob/master/doc/ws.md#websockethandleupgraderequest-socket-head-callback
 * @example
 * const server = createNodeWebSocketServer(routes, { prefix: '/api' })
 * server.attach(http.createServer(app).listen(3000))
 */
export function createNodeWebSocketServer<const R extends Routes>(
  routesOrBridge: R | Bridge<R>,
  options?: NodeWebSocketServerOptions,
): NodeWebSocketServer<R> {
  const bridge = toBridge(routesOrBridge, options)
  // The subprotocol core chose for each request, read back by ws during the handshake.
  const protocols: WeakMap<IncomingMessage, string> = new WeakMap()
  const wss = new WebSocketServer({
    ...wsServerOptions(bridge),
    handleProtocols: (_offered, request) => protocols.get(request) ?? false,
    // ws's own 1009/1008 closes (maxPayload, maxFragments) then carry the reason every other host sends.
    WebSocket: wsWithCloseReasons(WebSocket),
  })
  // ws checks the handshake again after core accepted it; what only ws checks (a malformed
  // Sec-WebSocket-Protocol or -Extensions offer) is refused through core too, answered like the rest.
  wss.on('wsClientError', (error: Error, socket: Duplex, request: IncomingMessage) => {
    const url = requestUpgradeUrl(request)
    answerRefusal(socket, bridge.refuse(upgradeRequest(request, url), new WsError('INVALID_HANDSHAKE', error.message), bridge.match(url)))
  })
  const emitter = new EventEmitter()
  const attached: [Server, (request: IncomingMessage, socket: Duplex, head: Buffer) => void][] = []

  /** Runs core's checks, then upgrades or refuses. Never throws: a bug here must not crash the host. */
  function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, match: RouteMatch, callback: UpgradeCallback | undefined): void {
    try {
      // Before any hook, and in core's words: ws would answer a malformed handshake its own way (405, text/html).
      const malformed = handshakeError(request.method ?? 'GET', request.headers)
      if (malformed) return answerRefusal(socket, bridge.refuse(upgradeRequest(request, match.url.href), malformed, match))
      const decision = bridge.authorize(upgradeRequest(request, match.url.href), match)
      // Synchronous without auth or context hooks: the handshake completes in this call.
      if (decision instanceof Promise) void settleLater(decision, request, socket, head, match, callback)
      else upgradeOrRefuse(decision, request, socket, head, callback)
    } catch (error) {
      failed(request, socket, match, error)
    }
  }

  async function settleLater(
    decision: Promise<UpgradeDecision>,
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    match: RouteMatch,
    callback: UpgradeCallback | undefined,
  ): Promise<void> {
    // During async auth the client may go away; an error then must not crash the process.
    let gone = false
    const onGone = (): void => void (gone = true)
    socket.on('close', onGone)
    socket.on('error', onGone)
    try {
      const settled = await decision
      if (!gone) upgradeOrRefuse(settled, request, socket, head, callback)
    } catch (error) {
      failed(request, socket, match, error)
    } finally {
      socket.off('close', onGone)
      socket.off('error', onGone)
    }
  }

  function upgradeOrRefuse(
    decision: UpgradeDecision,
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    callback: UpgradeCallback | undefined,
  ): void {
    if (socket.destroyed) return
    if (!decision.ok) return answerRefusal(socket, decision)
    if (decision.protocol !== undefined) protocols.set(request, decision.protocol)
    wss.handleUpgrade(request, socket, head, (ws) => accept(decision, ws, request, socket, callback))
  }

  // authorize never rejects; this guards the adapter's own code. Refused through the bridge like a
  // hook that threw: onRefused and onError see it, the bounded log writes it with its stack.
  function failed(request: IncomingMessage, socket: Duplex, match: RouteMatch, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error)
    const internal = new WsError('INTERNAL', `Upgrade failed: ${message}`, { cause: error, expose: false })
    try {
      answerRefusal(socket, bridge.refuse(upgradeRequest(request, match.url.href), internal, match))
    } catch {
      // Reporting failed too: the socket must not stay open unanswered.
      refuseUpgrade(socket, 500)
    }
  }

  function accept(
    accepted: AcceptedUpgrade,
    ws: WebSocket,
    request: IncomingMessage,
    socket: Duplex,
    callback: UpgradeCallback | undefined,
  ): void {
    wireSocket(bridge, accepted, ws, socket)
    if (callback) callback(ws, request)
    else emitter.emit('connection', ws, request)
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, callback?: UpgradeCallback): void {
    const url = requestUpgradeUrl(request)
    if (invalidTarget(request, socket, url)) return
    const match = bridge.match(url)
    if (!match) return notFound(request, socket, url)
    upgrade(request, socket, head, match, callback)
  }

  /**
   * A request target RFC 3986 does not allow (a `\`, a broken `%` escape), under the prefix: core's
   * 400, before routing. Read from `request.url` as sent: ws would read a `\` as `/`.
   */
  function invalidTarget(request: IncomingMessage, socket: Duplex, url: string): boolean {
    const refused = refuseRequestTarget(bridge, upgradeRequest(request, url), request.url ?? '/')
    if (refused) answerRefusal(socket, refused)
    return refused !== undefined
  }

  /** 404 for no route: reported to onRefused when the path is under the prefix (core decides). */
  function notFound(request: IncomingMessage, socket: Duplex, url: string): void {
    answerRefusal(socket, bridge.notFound(upgradeRequest(request, url)) ?? notFoundRefusal)
  }

  function attach<S extends Server>(server: S): S {
    const listener = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
      const url = requestUpgradeUrl(request)
      if (invalidTarget(request, socket, url)) return
      const match = bridge.match(url)
      if (match) {
        upgrade(request, socket, head, match, undefined)
      } else if (server.listenerCount('upgrade') === 1) {
        notFound(request, socket, url)
      }
    }
    server.on('upgrade', listener)
    attached.push([server, listener])
    return server
  }

  async function close(): Promise<void> {
    // The listeners stay attached while the bridge drains: upgrades arriving meanwhile get core's
    // 503 "Server is shutting down" instead of falling through to the host's HTTP routes (a 404).
    await bridge.close()
    for (const [server, listener] of attached.splice(0)) server.off('upgrade', listener)
    await new Promise<void>((resolve) => wss.close(() => resolve()))
  }

  return Object.assign(emitter, { bridge, wss, handleUpgrade, attach, close })
}

function upgradeRequest(request: IncomingMessage, url: string): UpgradeRequest {
  return { url, headers: request.headers, ip: request.socket.remoteAddress }
}
