import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WsError, type Bridge } from '@wsbridge/core'
import { handshakeError, type AcceptedUpgrade, type RouteMatch, type UpgradeDecision } from '@wsbridge/core/adapter'
import type { WebSocket, WebSocketServer } from 'ws'
import { answerRefusal, refuseUpgrade } from './refuse.js'
import type { UpgradeCallback } from './server-types.js'
import { upgradeRequest } from './upgrade-request.js'

/** Takes a socket ws upgraded after core accepted it; `callback` is the one `handleUpgrade` was given. */
export type AcceptSocket = (
  accepted: AcceptedUpgrade,
  ws: WebSocket,
  request: IncomingMessage,
  socket: Duplex,
  callback: UpgradeCallback | undefined,
) => void

/** Upgrades or refuses a request that matched a route. */
export type UpgradeFlow = (
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  match: RouteMatch,
  callback: UpgradeCallback | undefined,
) => void

/**
 * The path of a request that matched a route: core's handshake checks and hooks, then ws's
 * handshake or core's refusal. `protocols` is where the subprotocol core chose waits for ws's
 * `handleProtocols` to read it back.
 */
export function createUpgradeFlow(
  bridge: Bridge,
  wss: WebSocketServer,
  protocols: WeakMap<IncomingMessage, string>,
  accept: AcceptSocket,
): UpgradeFlow {
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

  return upgrade
}
