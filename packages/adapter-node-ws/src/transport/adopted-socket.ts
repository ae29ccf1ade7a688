import type { Bridge } from '@wsbridge/core'
import type { AcceptedUpgrade, ConnectionEvents } from '@wsbridge/core/adapter'
import { releaseHelperListenersAfterOpen, type ListenerOwner } from './helper-listeners.js'
import { addWsCloseReasons, type WsClosable } from './ws-close-reasons.js'
import { wsBytesCopy } from './ws-data.js'
import { createWsEventWiring, type WsEventSource } from './ws-events.js'
import { createWsPreFraming, isWsFramer } from './ws-pre-framing.js'
import { senderClass } from './ws-private.js'
import { createWsTransports, utf8Buffer, type WsLikeSocket, type WsTransports } from './ws-transport.js'

/** `ws`'s WebSocket as a library that upgraded it hands it over (`ws.raw` of Hono's Node helpers). */
export type AdoptedWsSocket = WsLikeSocket & WsEventSource & ListenerOwner & WsClosable

/** Whether `raw` is `ws`'s WebSocket (checked by shape: the caller imports no `ws`). */
export function isWsSocket(raw: unknown): raw is AdoptedWsSocket {
  const socket = raw as Partial<AdoptedWsSocket> | undefined
  return (
    typeof socket?.on === 'function' &&
    typeof socket.listeners === 'function' &&
    typeof socket.off === 'function' &&
    typeof socket.terminate === 'function' &&
    typeof socket.ping === 'function' &&
    typeof socket.send === 'function'
  )
}

// Binary with its own copy of the bytes, as the Node helpers would hand it over.
const wireEvents = createWsEventWiring(wsBytesCopy)

// Created on the first adopted socket, not when this module loads: it may load where there is no
// Buffer (adapter-hono on Deno or Workers), and a ws socket only exists where there is one.
let transports: WsTransports | undefined

function transportsFor(socket: AdoptedWsSocket): WsTransports {
  // ws's framing is reached through the socket: the caller does not import `ws`.
  const framer = senderClass(socket)
  return createWsTransports(utf8Buffer, isWsFramer(framer) ? createWsPreFraming(framer) : undefined)
}

/**
 * Opens the connection for a `ws` socket another library upgraded (Hono's Node helpers call this
 * from their `onOpen`): core gets a pinging ws transport, and messages, pongs, errors and the close
 * go from `ws` straight to core, as over adapter-node-ws. Everything runs in the caller's
 * synchronous step, so no frame can arrive before its listener.
 *
 * Both Hono Node helpers add listeners of their own right after `onOpen` that keep the upgrade
 * request alive for the connection's life; they are removed (helper-listeners.ts), so call this
 * first thing in `onOpen`. ws's own 1009/1008 closes get the reason every other host sends.
 */
export function adoptWsSocket(bridge: Bridge, accepted: AcceptedUpgrade, socket: AdoptedWsSocket): ConnectionEvents {
  // First thing: its microtask must come before any a user's onOpen queues.
  const keepOwnListeners = releaseHelperListenersAfterOpen(socket)
  const { WsPingTransport } = (transports ??= transportsFor(socket))
  const events = bridge.open(accepted, new WsPingTransport(socket))
  wireEvents(socket, events)
  addWsCloseReasons(socket)
  keepOwnListeners()
  return events
}
