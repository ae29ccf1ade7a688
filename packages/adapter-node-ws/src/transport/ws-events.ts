import type { ConnectionEvents } from '@wsbridge/core/adapter'
import { wsErrorToCore } from './ws-errors.js'
import { wsText, type WsData } from './ws-data.js'

/** The part of `ws`'s WebSocket (an EventEmitter) the listeners are added with. */
export interface WsEventSource {
  /** Adds a listener for one of the socket events core needs. */
  on(event: 'message' | 'close' | 'error' | 'pong', listener: (...args: any[]) => void): unknown
}

/** Where a `ws` socket carries core's events for its connection, for the shared listeners. */
const kEvents = Symbol('wsbridge.wsEvents')
type Carrier = { [kEvents]: ConnectionEvents }

// Shared listeners, one set for every socket: `ws` calls them with the socket as `this`, so a
// connection costs no closures (most of what a connection costs in idle memory).

// ws reports 1005 for a close frame without a code and 1006 for a dropped connection, as core expects.
function onClose(this: Carrier, code: number, reason: WsData): void {
  this[kEvents].closed(code, wsText(reason))
}

function onError(this: Carrier, error: unknown): void {
  // ws emits an error only when the peer broke the protocol (it closes the socket itself):
  // reported as PROTOCOL_ERROR or PAYLOAD_TOO_LARGE, client-caused, not INTERNAL.
  this[kEvents].error(wsErrorToCore(error))
}

function onPong(this: Carrier): void {
  this[kEvents].pong()
}

/**
 * Forwards a `ws` socket's messages, close, errors and pongs to core: what every adapter over
 * `ws` does. `binary` gives a binary message's bytes (`wsBytes`, or `wsBytesCopy` for a copy of
 * its own). Create it once per adapter module; the returned function wires one socket, in the
 * same tick as the upgrade, so no frame can arrive before its listener.
 */
export function createWsEventWiring(binary: (data: WsData) => Uint8Array): (socket: WsEventSource, events: ConnectionEvents) => void {
  function onMessage(this: Carrier, data: WsData, isBinary: boolean): void {
    if (isBinary) this[kEvents].message(binary(data), true)
    else this[kEvents].message(wsText(data), false)
  }
  return (socket, events) => {
    ;(socket as WsEventSource & Partial<Carrier>)[kEvents] = events
    socket.on('message', onMessage)
    socket.on('close', onClose)
    socket.on('error', onError)
    socket.on('pong', onPong)
  }
}
