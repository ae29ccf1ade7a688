/**
 * Every piece of `ws`'s private state wsbridge relies on, named here and nowhere else. ws has no
 * public way to write an already-framed message to a socket, so pre-framing (ws-pre-framing.ts)
 * hands its frames to the socket's Sender the way `ws.send` does once it has framed a message
 * (engine.io writes pre-encoded frames the same way). test/ws-private.test.ts checks each of these
 * on a real connected pair of ws sockets, so a ws release that renames or removes one fails it
 * instead of silently turning pre-framing off.
 */

const OPEN = 1
/** ws 8's Sender state while it is neither compressing a message nor reading a Blob (lib/sender.js `DEFAULT`). */
const SENDER_IDLE = 0

/** ws's private Sender (lib/sender.js), as far as this module reads it. */
interface PrivateSender {
  readonly _state?: unknown
  readonly _firstFragment?: unknown
  readonly sendFrame?: unknown
}

/** ws's WebSocket with its private `_sender` (null until the handshake completed). */
interface PrivateSocket {
  readonly readyState?: unknown
  readonly _sender?: PrivateSender | null
}

/** An open socket's Sender that is idle between whole messages: a frame written to it now overtakes nothing. */
export interface IdleSender {
  readonly idle: unique symbol
}

/**
 * `socket`'s Sender when a whole frame may be written to it now: the socket is open and its Sender
 * sits between whole messages. While it compresses a message or is between the fragments of one,
 * a frame written now would overtake that message, so `ws.send` must queue it instead. Undefined
 * then, and for anything without ws's internals.
 */
export function idleSender(socket: object): IdleSender | undefined {
  const ws = socket as PrivateSocket
  const sender = ws._sender
  if (
    ws.readyState !== OPEN ||
    sender == null ||
    sender._state !== SENDER_IDLE ||
    sender._firstFragment !== true ||
    typeof sender.sendFrame !== 'function'
  )
    return undefined
  return sender as IdleSender
}

/** Writes one complete frame through an idle Sender, behind whatever the socket has already sent. */
export function sendFrame(sender: IdleSender, frame: Uint8Array): void {
  ;(sender as unknown as { sendFrame(list: readonly Uint8Array[]): void }).sendFrame([frame])
}

/**
 * The class of `socket`'s Sender, whose static `frame` is ws's public framing function. For an
 * adapter that does not import `ws` itself (adapter-hono): in ESM, `ws` exports `Sender` only as a
 * named export, never as `WebSocket.Sender`, so a socket does not lead to it otherwise.
 */
export function senderClass(socket: object): unknown {
  return (socket as PrivateSocket)._sender?.constructor
}

/** The close code ws attached to an error it failed the connection for (lib/constants.js `kStatusCode`, a symbol it does not export). */
export function wsStatusCode(error: object): number | undefined {
  const key = Object.getOwnPropertySymbols(error).find((symbol) => symbol.description === 'status-code')
  const value = key === undefined ? undefined : (error as Record<symbol, unknown>)[key]
  return typeof value === 'number' ? value : undefined
}
