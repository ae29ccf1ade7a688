import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WsError, type Bridge, type BridgeOptions, type Routes, type UpgradeRequest } from '@wsbridge/core'
import { handshakeError, protocolViolations, refusalHttp, refuseRequestTarget, toBridge, upgradeUrl } from '@wsbridge/core/adapter'
import type { ProtocolViolation, RejectedUpgrade, Transport, UpgradeDecision } from '@wsbridge/core/adapter'
import { WebSocket, WebSocketServer } from 'ws'

/** ws closes a message over `maxPayload` (1009) or `maxFragments` (1008) without a reason; every host gives these. */
class WebSocketWithReasons extends WebSocket {
  override close(code?: number, reason?: string | Buffer): void {
    super.close(code, reason ?? (code === 1009 ? 'Received too big message' : code === 1008 ? 'Too many message fragments' : undefined))
  }
}

/** ws's error codes for what a client did wrong, in the words every host reports them with. */
const violations: Readonly<Record<string, ProtocolViolation>> = {
  WS_ERR_EXPECTED_MASK: 'mask',
  WS_ERR_UNEXPECTED_RSV_1: 'reservedBits',
  WS_ERR_UNEXPECTED_RSV_2_3: 'reservedBits',
  WS_ERR_INVALID_OPCODE: 'opcode',
  WS_ERR_EXPECTED_FIN: 'controlFrame',
  WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH: 'controlFrame',
  WS_ERR_INVALID_CLOSE_CODE: 'closeCode',
  WS_ERR_INVALID_UTF8: 'utf8',
  WS_ERR_TOO_MANY_BUFFERED_PARTS: 'fragments',
}

/** A server-side ws socket emits 'error' only when the client broke the protocol; ws then closes it. */
function clientError(error: Error & { code?: string }): WsError {
  const code = error.code ?? ''
  if (code.startsWith('WS_ERR_UNSUPPORTED_')) return new WsError('PAYLOAD_TOO_LARGE', undefined, { cause: error })
  const violation = violations[code] ?? (code.startsWith('Z_') ? 'compression' : 'other')
  return new WsError('PROTOCOL_ERROR', protocolViolations[violation], { cause: error })
}

function transport(ws: WebSocket): Transport {
  return {
    send: (data, compress = false) => ws.send(data, { binary: typeof data !== 'string', compress }),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    ping: () => ws.ping(),
    get bufferedAmount() {
      return ws.bufferedAmount
    },
    raw: ws,
  }
}

/** Answers a refused upgrade with core's bytes (status, headers, message) and closes the socket. */
function refuse(socket: Duplex, rejected: Pick<RejectedUpgrade, 'status' | 'message' | 'error'>): void {
  socket.once('finish', () => socket.destroy())
  socket.end(refusalHttp(rejected))
}

const notFound = { status: 404, message: 'Not found', error: new WsError('ROUTE_NOT_FOUND') }

export interface MinimalAdapter<R extends Routes> {
  readonly bridge: Bridge<R>
  /** Serves the routes on `server`'s upgrades. */
  attach(server: Server): void
  /** Closes every connection with 1001 (see `bridge.close`), then stops upgrading. */
  close(): Promise<void>
}

/** wsbridge on `ws` in noServer mode: every decision is core's, the adapter only translates. */
export function createMinimalAdapter<const R extends Routes>(routesOrBridge: R | Bridge<R>, options?: BridgeOptions): MinimalAdapter<R> {
  const bridge = toBridge(routesOrBridge, options)
  const protocols = new WeakMap<IncomingMessage, string>()
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: bridge.maxPayloadLength,
    maxFragments: bridge.maxFragments,
    perMessageDeflate: bridge.compression.enabled ? { threshold: 0 } : false,
    handleProtocols: (_offered, request) => protocols.get(request) ?? false,
    WebSocket: WebSocketWithReasons,
  })
  const servers: Server[] = []

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy())
    const target = request.url ?? '/'
    const upgrade: UpgradeRequest = {
      url: upgradeUrl(target, request.headers.host),
      headers: request.headers,
      ip: request.socket.remoteAddress,
    }
    const invalid = refuseRequestTarget(bridge, upgrade, target)
    if (invalid) return refuse(socket, invalid)
    const match = bridge.match(upgrade.url)
    if (!match) return refuse(socket, bridge.notFound(upgrade) ?? notFound)
    const malformed = handshakeError(request.method ?? 'GET', request.headers)
    if (malformed) return refuse(socket, bridge.refuse(upgrade, malformed, match))
    const decision = bridge.authorize(upgrade, match)
    // A promise only when the route has auth or context hooks; it never rejects.
    if (decision instanceof Promise) void decision.then((settled) => settle(settled, request, socket, head))
    else settle(decision, request, socket, head)
  }

  function settle(decision: UpgradeDecision, request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (socket.destroyed) return
    if (!decision.ok) return refuse(socket, decision)
    if (decision.protocol !== undefined) protocols.set(request, decision.protocol)
    wss.handleUpgrade(request, socket, head, (ws) => {
      const events = bridge.open(decision, transport(ws))
      // In the same tick as the upgrade: no frame can arrive before these listeners exist.
      // ws hands over a Buffer (its default binaryType): bytes as they are, text as a string.
      ws.on('message', (data, isBinary) => events.message(isBinary ? (data as Buffer) : data.toString(), isBinary))
      ws.on('close', (code, reason) => events.closed(code, reason.toString()))
      ws.on('error', (error) => events.error(clientError(error)))
      ws.on('pong', () => events.pong())
      socket.on('drain', () => events.drain())
    })
  }

  return {
    bridge,
    attach(server) {
      server.on('upgrade', onUpgrade)
      servers.push(server)
    },
    async close() {
      await bridge.close()
      for (const server of servers.splice(0)) server.off('upgrade', onUpgrade)
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}
