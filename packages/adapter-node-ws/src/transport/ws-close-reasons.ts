import { CloseCode } from '@wsbridge/core'

/** The part of `ws`'s WebSocket whose close is given reasons. */
export interface WsClosable {
  /** `ws`'s own close: sends the close frame with this code and reason. */
  close(code?: number, data?: string | Uint8Array): void
}

/** `ws`'s WebSocket class, or one extending it (what `new WebSocketServer({ WebSocket })` takes). */
export type WsClass = abstract new (...args: any[]) => WsClosable

/**
 * The reasons for the closes ws starts itself without one (lib/websocket.js `receiverOnError`
 * calls `close(code)`): a message over `maxPayload` (1009) and one in more than `maxFragments`
 * frames (1008). A message over the bridge-wide `maxPayloadLength` is the runtime's to refuse on
 * every host, and Bun (uWebSockets) closes it with "Received too big message", which no adapter can
 * change: ws's close gets the same words, so the peer reads one answer everywhere. (A route's
 * smaller limit is core's own check: 1009 with the error table's "Message is too large".)
 */
const REASONS: Readonly<Record<number, string>> = {
  [CloseCode.MESSAGE_TOO_BIG]: 'Received too big message',
  [CloseCode.POLICY_VIOLATION]: 'Too many message fragments',
}

const subclasses: WeakMap<WsClass, WsClass> = new WeakMap()
const subclassPrototypes: WeakSet<object> = new WeakSet()

/**
 * `Base` (ws's WebSocket) with those reasons, for `new WebSocketServer({ WebSocket })`: its sockets'
 * closes without a reason get the table's reason for their code; closes with one (every close core
 * starts) are unchanged. One subclass per base class, and nothing added to each socket.
 */
export function wsWithCloseReasons<C extends WsClass>(Base: C): C {
  let Sub = subclasses.get(Base)
  if (Sub === undefined) {
    abstract class WithCloseReasons extends Base {
      override close(code?: number, data?: string | Uint8Array): void {
        super.close(code, data === undefined && code !== undefined ? (REASONS[code] ?? data) : data)
      }
    }
    Sub = WithCloseReasons
    subclasses.set(Base, Sub)
    subclassPrototypes.add(Sub.prototype)
  }
  return Sub as C
}

/**
 * The same for one socket a server created with ws's own class (Hono's Node helpers build the
 * server, so the adapter cannot pass `WebSocket`): the socket is moved onto the subclass's
 * prototype, which costs it no memory (an own `close` property would be ~45 bytes per connection).
 */
export function addWsCloseReasons(socket: WsClosable): void {
  const prototype = Object.getPrototypeOf(socket) as { constructor: WsClass } | null
  if (prototype === null || subclassPrototypes.has(prototype)) return
  Object.setPrototypeOf(socket, wsWithCloseReasons(prototype.constructor).prototype)
}
