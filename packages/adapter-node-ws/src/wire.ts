import type { Duplex } from 'node:stream'
import type { Bridge } from '@wsbridge/core'
import type { AcceptedUpgrade, ConnectionEvents } from '@wsbridge/core/adapter'
import { createWsEventWiring, createWsPreFraming, createWsTransports, wsBytes } from '@wsbridge/core/sockets'
import type { WebSocket } from 'ws'

// Created once for this module: the encode-once text frame hands ws a Buffer, which it sends as is,
// and text goes out as frames built in a Buffer, once per publish (core's ws-pre-framing.ts).
const { WsPingTransport } = createWsTransports((text) => Buffer.from(text, 'utf8'), createWsPreFraming(Buffer))

// Binary messages reach core as ws's own Buffer, without a copy.
const wireEvents = createWsEventWiring(wsBytes)

/**
 * Hands an upgraded `ws` socket to core and forwards its events. Everything here runs in the same
 * tick as the upgrade callback: no frame can arrive before the message listener exists.
 */
export function wireSocket(bridge: Bridge, accepted: AcceptedUpgrade, ws: WebSocket, socket: Duplex): void {
  const events = bridge.open(accepted, new WsPingTransport(ws))
  wireEvents(ws, events)
  // ws has no drain event of its own; the upgraded TCP socket's drain is the same signal. A shared
  // listener that finds the connection on the socket (`this`): no closure per connection.
  ;(socket as WithEvents<Duplex>)[kEvents] = events
  socket.on('drain', onDrain)
}

const kEvents = Symbol('wsbridge.events')
type WithEvents<T> = T & { [kEvents]: ConnectionEvents }

function onDrain(this: Duplex): void {
  ;(this as WithEvents<Duplex>)[kEvents].drain()
}
