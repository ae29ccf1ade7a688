import type { Duplex } from 'node:stream'
import type { Bridge } from '@wsbridge/core'
import type { AcceptedUpgrade, ConnectionEvents } from '@wsbridge/core/adapter'
import * as ws from 'ws'
import { createWsEventWiring, createWsPreFraming, createWsTransports, isWsFramer, utf8Buffer, wsBytes } from './transport/index.js'

// ws's public framing (lib/sender.js `Sender.frame`): `ws` exports the class, @types/ws does not declare it.
const { Sender } = ws as { readonly Sender?: unknown }

// Created once for this module: the encode-once text frame hands ws a Buffer, which it sends as is,
// and text goes out as frames ws's Sender builds, once per publish (transport/ws-pre-framing.ts).
const { WsPingTransport } = createWsTransports(utf8Buffer, isWsFramer(Sender) ? createWsPreFraming(Sender) : undefined)

// Binary messages reach core as ws's own Buffer, without a copy.
const wireEvents = createWsEventWiring(wsBytes)

/**
 * Hands an upgraded `ws` socket to core and forwards its events. Everything here runs in the same
 * tick as the upgrade callback: no frame can arrive before the message listener exists.
 */
export function wireSocket(bridge: Bridge, accepted: AcceptedUpgrade, socket: ws.WebSocket, upgraded: Duplex): void {
  const events = bridge.open(accepted, new WsPingTransport(socket))
  wireEvents(socket, events)
  // ws has no drain event of its own; the upgraded TCP socket's drain is the same signal. A shared
  // listener that finds the connection on the socket (`this`): no closure per connection.
  ;(upgraded as WithEvents<Duplex>)[kEvents] = events
  upgraded.on('drain', onDrain)
}

const kEvents = Symbol('wsbridge.events')
type WithEvents<T> = T & { [kEvents]: ConnectionEvents }

function onDrain(this: Duplex): void {
  ;(this as WithEvents<Duplex>)[kEvents].drain()
}
