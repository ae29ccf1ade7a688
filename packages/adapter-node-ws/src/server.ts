import { EventEmitter } from 'node:events'
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WsError, type Bridge, type Routes } from '@wsbridge/core'
import { refuseRequestTarget, toBridge, type AcceptedUpgrade } from '@wsbridge/core/adapter'
import { WebSocket, WebSocketServer } from 'ws'
import { answerRefusal, notFoundRefusal } from './refuse.js'
import type { NodeWebSocketServer, NodeWebSocketServerOptions, UpgradeCallback } from './server-types.js'
import { wsServerOptions, wsWithCloseReasons } from './transport/index.js'
import { createUpgradeFlow } from './upgrade-flow.js'
import { upgradeRequest } from './upgrade-request.js'
import { requestUpgradeUrl } from './upgrade-url.js'
import { wireSocket } from './wire.js'

export type { NodeWebSocketServer, NodeWebSocketServerOptions, UpgradeCallback } from './server-types.js'

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

  const upgrade = createUpgradeFlow(bridge, wss, protocols, accept)

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
