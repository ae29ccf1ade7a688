import type { Duplex } from 'node:stream'
import { WsError, type AcceptedUpgrade, type Bridge, type ConnectionEvents, type Transport } from '@wsbridge/core'
import type { RawData, WebSocket } from 'ws'

const decoder = new TextDecoder()

/** ws hands binary data as a Buffer, an ArrayBuffer or a Buffer[] (fragments); core wants one Uint8Array. */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return data.length === 1 ? data[0]! : Buffer.concat(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data
}

// Core hands every subscriber of a publish the same string; ws would UTF-8-encode it once per
// socket. The second time in a row a string is sent, it is encoded once and the bytes are reused
// for the rest of the fan-out (a lone send, such as an echo, stays a string and costs nothing extra).
let lastText: string | undefined
let lastBytes: Buffer | undefined

function textFrame(text: string): string | Buffer {
  if (text !== lastText) {
    lastText = text
    lastBytes = undefined
    return text
  }
  return (lastBytes ??= Buffer.from(text, 'utf8'))
}

/** Core's view of a `ws` socket. A class, not an object of closures: it exists once per connection. */
class WsTransport implements Transport {
  readonly raw: WebSocket
  constructor(ws: WebSocket) {
    this.raw = ws
  }
  send(data: string | Uint8Array, compress?: boolean): void {
    if (typeof data === 'string') this.raw.send(textFrame(data), { binary: false, compress: compress === true })
    else this.raw.send(data, { binary: true, compress: compress === true })
  }
  close(code: number, reason: string): void {
    this.raw.close(code, reason)
  }
  terminate(): void {
    this.raw.terminate()
  }
  ping(): void {
    this.raw.ping()
  }
  get bufferedAmount(): number {
    return this.raw.bufferedAmount
  }
}

/**
 * Hands an upgraded `ws` socket to core and forwards its events. Everything here runs in the same
 * tick as the upgrade callback: no frame can arrive before the message listener exists.
 */
export function wireSocket(bridge: Bridge, accepted: AcceptedUpgrade, ws: WebSocket, socket: Duplex): void {
  const events = bridge.open(accepted, new WsTransport(ws))
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
  if (isBinary) eventsOf(this).message(toBytes(data), true)
  else eventsOf(this).message(Array.isArray(data) || data instanceof ArrayBuffer ? decoder.decode(toBytes(data)) : data.toString('utf8'), false)
}

// ws reports 1005 for a close frame without a code and 1006 for a dropped connection, as core expects.
function onClose(this: WebSocket, code: number, reason: Buffer): void {
  eventsOf(this).closed(code, reason.toString('utf8'))
}

function onError(this: WebSocket, error: Error & { code?: string }): void {
  // ws closes with 1009 itself; report it under core's code rather than as an internal error.
  eventsOf(this).error(error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? new WsError('PAYLOAD_TOO_LARGE', undefined, { cause: error }) : error)
}

function onPong(this: WebSocket): void {
  eventsOf(this).pong()
}

function onDrain(this: Duplex): void {
  eventsOf(this).drain()
}
