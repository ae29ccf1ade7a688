import type { Duplex } from 'node:stream'
import type { AcceptedUpgrade, Bridge, ConnectionEvents } from '@wsbridge/core'
import { createWsPreFraming, createWsTransports, wsBytes, wsErrorToCore, wsText } from '@wsbridge/core/sockets'
import type { RawData, WebSocket } from 'ws'

// Created once for this module: the encode-once text frame hands ws a Buffer, which it sends as is,
// and text goes out as frames built in a Buffer, once per publish (core's ws-pre-framing.ts).
const { WsPingTransport } = createWsTransports((text) => Buffer.from(text, 'utf8'), createWsPreFraming(Buffer))

/**
 * Hands an upgraded `ws` socket to core and forwards its events. Everything here runs in the same
 * tick as the upgrade callback: no frame can arrive before the message listener exists.
 */
export function wireSocket(bridge: Bridge, accepted: AcceptedUpgrade, ws: WebSocket, socket: Duplex): void {
  const events = bridge.open(accepted, new WsPingTransport(ws))
  // The listeners are shared functions that find the connection on the emitter (`this`): no
  // closures per connection, which is most of what a connection costs in idle memory.
  ;(ws as WithEvents<WebSocket>)[kEvents] = events
  ;(socket as WithEvents<Duplex>)[kEvents] = events
  ws.on('message', onMessage)
  ws.on('close', onClose)
  ws.on('error', onError)
  ws.on('pong', onPong)
  // ws has no drain event of its own; the upgraded TCP socket's drain is the same signal.
  socket.on('drain', onDrain)
}

const kEvents = Symbol('wsbridge.events')
type WithEvents<T> = T & { [kEvents]: ConnectionEvents }

function eventsOf(emitter: WebSocket | Duplex): ConnectionEvents {
  return (emitter as WithEvents<typeof emitter>)[kEvents]
}

function onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
  if (isBinary) eventsOf(this).message(wsBytes(data), true)
  else eventsOf(this).message(wsText(data), false)
}

// ws reports 1005 for a close frame without a code and 1006 for a dropped connection, as core expects.
function onClose(this: WebSocket, code: number, reason: Buffer): void {
  eventsOf(this).closed(code, reason.toString('utf8'))
}

function onError(this: WebSocket, error: Error): void {
  // ws closes with 1009 itself; core's mapping reports it as PAYLOAD_TOO_LARGE, not an internal error.
  eventsOf(this).error(wsErrorToCore(error))
}

function onPong(this: WebSocket): void {
  eventsOf(this).pong()
}

function onDrain(this: Duplex): void {
  eventsOf(this).drain()
}
