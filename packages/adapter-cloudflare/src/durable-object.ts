import { WsError, type Bridge, type BridgeOptions, type Routes, type UpgradeRequest } from '@wsbridge/core'
import {
  handshakeError,
  isWebSocketUpgrade,
  protocolViolations,
  refusalResponse,
  refuseRequestTarget,
  toBridge,
  type UpgradeDecision,
} from '@wsbridge/core/adapter'
import {
  autoResponsePair,
  newWebSocketPair,
  type CloudflareWebSocket,
  type DurableObjectStateLike,
  type WebSocketAutoResponse,
} from './cloudflare-types.js'
import { clientMethod } from './forward.js'
import { ObjectPubSub } from './object-pubsub.js'
import { alarmSchedule } from './alarm-schedule.js'
import { attachmentOf, DurableObjectSocket } from './socket.js'

export interface DurableObjectWebSocketOptions extends BridgeOptions {
  /** Answers every request that is not a WebSocket upgrade under the prefix. Default: 404. */
  readonly fallback?: (request: Request) => Response | Promise<Response>
  /**
   * A text message workerd answers itself, without waking the object (`setWebSocketAutoResponse`):
   * an application-level heartbeat that costs no wake-up. Default: none. A message that matches
   * it never reaches a handler.
   */
  readonly autoResponse?: WebSocketAutoResponse
}

/** The Durable Object's WebSocket handlers: call each from the method of the same name. */
export interface DurableObjectWebSocket<R extends Routes> {
  /** The bridge behind the handlers: publish, read presence or count connections from the object's own code. */
  readonly bridge: Bridge<R>
  /** From the object's `fetch`: upgrades requests for the routes, answers refusals, else `fallback`. */
  fetch(request: Request): Response | Promise<Response>
  /** From the object's `webSocketMessage`: hands the frame (text or binary) to its connection's route. */
  webSocketMessage(socket: CloudflareWebSocket, message: string | ArrayBuffer): void
  /** From the object's `webSocketClose`: runs the route's `onClose` and completes the closing handshake. */
  webSocketClose(socket: CloudflareWebSocket, code: number, reason: string, wasClean: boolean): void
  /** From the object's `webSocketError`: reports a `PROTOCOL_ERROR` to the route's `onError`, then closes it as 1006. */
  webSocketError(socket: CloudflareWebSocket, error: unknown): void
  /**
   * From the object's `alarm()`: runs the heartbeat, idle and close deadlines that are due and sets
   * the alarm for the next one. The adapter sets the object's alarm itself (when `state.storage` is
   * there); an object that needs its alarm for something else must call this too when it fires.
   */
  alarm(): void
  /** Closes every connection with 1001 and waits (see `bridge.close`). */
  close(): Promise<void>
}

/**
 * wsbridge inside a Durable Object with the WebSocket Hibernation API. Create it in the object's
 * constructor: it takes over every socket the object already holds (`state.getWebSockets()`),
 * rebuilding each connection (id, user, params, query, context, topics) from the attachment the
 * adapter wrote, so connections survive hibernation without running `onOpen` again. Pub/sub
 * within the object reaches every socket it holds; across objects, see docs/adapters/cloudflare.md.
 *
 * @example
 * export class Room {
 *   constructor(state: DurableObjectState) { this.ws = createDurableObjectWebSocket(routes, state, { prefix: '/api' }) }
 *   fetch(request: Request) { return this.ws.fetch(request) }
 *   webSocketMessage(socket, message) { this.ws.webSocketMessage(socket, message) }
 *   webSocketClose(socket, code, reason, wasClean) { this.ws.webSocketClose(socket, code, reason, wasClean) }
 *   webSocketError(socket, error) { this.ws.webSocketError(socket, error) }
 *   alarm() { this.ws.alarm() }
 * }
 */
export function createDurableObjectWebSocket<const R extends Routes>(
  routesOrBridge: R | Bridge<R>,
  state: DurableObjectStateLike,
  options: DurableObjectWebSocketOptions = {},
): DurableObjectWebSocket<R> {
  const { fallback, autoResponse, ...bridgeOptions } = options
  const bridge = toBridge(routesOrBridge, bridgeOptions)
  const sockets = new Map<CloudflareWebSocket, DurableObjectSocket>()
  const pubsub = new ObjectPubSub((socket) => (socket as DurableObjectSocket).persist())
  if (autoResponse) state.setWebSocketAutoResponse(autoResponsePair(autoResponse))
  const notFound = (request: Request) => (fallback ? fallback(request) : new Response('Not Found', { status: 404 }))
  // The client's heartbeats that workerd answered since the last sweep count as signs of life.
  const answeredAt = (raw: CloudflareWebSocket) => {
    try {
      return state.getWebSocketAutoResponseTimestamp?.(raw)?.getTime() ?? 0
    } catch {
      // workerd may refuse a socket it does not hold as hibernatable (one taken with accept()): nothing answered.
      return 0
    }
  }
  const schedule = alarmSchedule(bridge, state, () => {
    for (const [raw, socket] of sockets) socket.heard(answeredAt(raw))
  })
  const clientHeartbeat = autoResponse !== undefined

  for (const raw of state.getWebSockets()) {
    const snapshot = attachmentOf(raw)
    if (!snapshot) continue
    const seenAt = Math.max(Date.now() - (snapshot.silentFor ?? 0), answeredAt(raw))
    const socket = new DurableObjectSocket(raw, pubsub, seenAt, clientHeartbeat)
    sockets.set(raw, socket)
    bridge.restore({ ...snapshot, silentFor: Date.now() - seenAt }, socket)
  }
  schedule.update()

  function upgrade(decision: UpgradeDecision): Response {
    if (!decision.ok) return refusalResponse(decision)
    const [client, server] = [...Object.values(newWebSocketPair())] as [CloudflareWebSocket, CloudflareWebSocket]
    const socket = new DurableObjectSocket(server, pubsub, Date.now(), clientHeartbeat)
    // Held until onOpen's synchronous part has run (auth close mode: core closes at once). workerd
    // ends the connection of a hibernatable socket closed outside its own events only when the object
    // next hibernates: a socket closed before its 101 is accepted with plain accept() instead, which
    // ends it at once (and has nothing to hibernate). Any other goes to the Hibernation API.
    socket.hold()
    sockets.set(server, socket)
    bridge.open(decision, socket)
    if (socket.closing) {
      server.accept()
      server.addEventListener('close', (event) => closed(server, event.code, event.reason))
    } else state.acceptWebSocket(server)
    socket.release()
    socket.persist()
    schedule.update()
    const headers = decision.protocol ? { 'Sec-WebSocket-Protocol': decision.protocol } : undefined
    // workerd's ResponseInit takes the client end as `webSocket`; the DOM's type does not know it.
    return new Response(null, { status: 101, webSocket: client, ...(headers ? { headers } : {}) } as ResponseInit)
  }

  function fetch(request: Request): Response | Promise<Response> {
    if (!isWebSocketUpgrade(request.headers)) return notFound(request)
    const upgradeRequest: UpgradeRequest = {
      url: request.url,
      headers: request.headers,
      ip: request.headers.get('cf-connecting-ip') ?? undefined,
    }
    const badTarget = refuseRequestTarget(bridge, upgradeRequest, request.url)
    if (badTarget) return refusalResponse(badTarget)
    const match = bridge.match(request.url)
    if (!match) {
      const refused = bridge.notFound(upgradeRequest)
      return refused ? refusalResponse(refused) : notFound(request)
    }
    const malformed = handshakeError(clientMethod(request), request.headers)
    if (malformed) return refusalResponse(bridge.refuse(upgradeRequest, malformed, match))
    // A promise only when the route has auth or context hooks; it never rejects.
    const decision = bridge.authorize({ ...upgradeRequest, url: match.url.href }, match)
    return decision instanceof Promise ? decision.then(upgrade) : upgrade(decision)
  }

  function closed(raw: CloudflareWebSocket, code: number, reason: string): void {
    const socket = sockets.get(raw)
    if (!socket) return
    sockets.delete(raw)
    pubsub.left(socket)
    // workerd describes a drop ("WebSocket disconnected without sending Close frame."); every host reports 1006 without a reason.
    socket.closed(code, code === 1006 ? '' : reason)
  }

  return {
    bridge,
    fetch,
    webSocketMessage(raw, message) {
      const socket = sockets.get(raw)
      if (!socket) return
      if (typeof message === 'string') socket.message(message, false)
      else socket.message(new Uint8Array(message), true)
      // A message only moves deadlines later, unless it started a close (whose deadline starts now).
      if (socket.closing || !schedule.pending) schedule.update()
    },
    webSocketClose(raw, code, reason) {
      closed(raw, code, reason)
      // Completes the closing handshake where the runtime does not answer a client's close itself.
      try {
        raw.close(code === 1005 || code === 1006 ? 1000 : code, reason)
      } catch {
        // Already closed, or answered by workerd.
      }
    },
    webSocketError(raw, error) {
      // workerd calls this when the connection failed (a client's protocol violation, a network error).
      sockets.get(raw)?.error(new WsError('PROTOCOL_ERROR', protocolViolations.other, { cause: error }))
      closed(raw, 1006, '')
    },
    alarm: () => schedule.fired(),
    close: () => bridge.close(),
  }
}
