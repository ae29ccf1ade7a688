import { SocketEvents } from '../connection-events.js'
import type { Transport } from '../transport.js'

/** The parts of `ws`'s WebSocket a transport calls (duck-typed: core does not import `ws`). */
export interface WsLikeSocket {
  send(data: string | Uint8Array, options: { readonly binary: boolean; readonly compress: boolean }): void
  close(code: number, reason: string): void
  terminate(): void
  ping(): void
  readonly bufferedAmount: number
}

/** Core's view of a `ws` socket, without `ping` (core then runs no heartbeat on it). */
export interface WsTransport extends Transport {
  readonly raw: WsLikeSocket
}

/** Core's view of a `ws` socket whose pongs the adapter forwards to `events.pong()`. */
export interface WsPingTransport extends WsTransport {
  ping(): void
}

export interface WsTransports {
  readonly WsTransport: new (socket: WsLikeSocket) => WsTransport
  readonly WsPingTransport: new (socket: WsLikeSocket) => WsPingTransport
}

/**
 * Whole text frames, built by core and written to a socket's `ws` sender in one piece: what an
 * adapter that knows `ws` can add. `ws.send` frames every message itself, for every socket (an
 * options copy, `Sender.send`, a header buffer, a corked two-buffer write): a publish to 1,000
 * subscribers needs one frame, and a lone send one short write (docs/benchmarks.md, finding 13).
 */
export interface WsPreFraming {
  /** The complete, unmasked, final text frame (RFC 6455 §5.2) holding `text`. */
  frame(text: string): Uint8Array
  /**
   * Writes `frame` to `socket` behind whatever it has already sent, as `ws.send` would after
   * framing; false (nothing written) when the socket cannot take a pre-built frame now: not open,
   * or its sender busy with a compressed or fragmented message (the transport then calls `send`).
   */
  write(socket: WsLikeSocket, frame: Uint8Array): boolean
}

// `compress` is core's per-frame threshold decision; without it ws deflates nothing. ws copies the
// options it is given (`{ ...options }`), so these four serve every send: no object per message.
// `binary` is explicit because a text frame may be handed over as bytes (see sharedTextFrame).
const TEXT = Object.freeze({ binary: false, compress: false })
const TEXT_COMPRESSED = Object.freeze({ binary: false, compress: true })
const BINARY = Object.freeze({ binary: true, compress: false })
const BINARY_COMPRESSED = Object.freeze({ binary: true, compress: true })

/**
 * The transport classes for `ws` sockets, for an adapter to create once at module level.
 * `encodeText` is the adapter's UTF-8 encoder: on Node, `Buffer.from(text, 'utf8')`, which ws sends
 * as is (a plain Uint8Array from TextEncoder would be wrapped in a new Buffer view on every send,
 * that is once per subscriber). The classes exist once per connection: prototype methods only, and
 * the encode-once state below is per adapter module, not per connection. With `preFraming`, text
 * goes out as pre-built frames (one per publish for fan-out) wherever the socket takes them.
 */
export function createWsTransports(encodeText: (text: string) => Uint8Array, preFraming?: WsPreFraming): WsTransports {
  // Core hands every subscriber of a publish the same string (`shared`); ws would UTF-8-encode it
  // once per socket. The second time in a row a shared string is sent, it is encoded once and the
  // bytes are reused for the rest of the fan-out. A lone send, such as an echo, skips this: comparing
  // it with the previous string costs V8 a runtime call per message (it is not the same object).
  let lastText: string | undefined
  let lastBytes: Uint8Array | undefined

  function sharedTextFrame(text: string): string | Uint8Array {
    if (text !== lastText) {
      lastText = text
      lastBytes = undefined
      return text
    }
    return (lastBytes ??= encodeText(text))
  }

  // The frame of the last shared text (with preFraming): built on its first send, reused for the rest.
  let framedText: string | undefined
  let framed: Uint8Array | undefined

  function sharedFrame(framing: WsPreFraming, text: string): Uint8Array {
    if (text !== framedText || framed === undefined) {
      framedText = text
      framed = framing.frame(text)
    }
    return framed
  }

  /** A class, not an object of closures: it exists once per connection. Also the socket's events object (SocketEvents). */
  class WsTransportImpl extends SocketEvents implements WsTransport {
    readonly raw: WsLikeSocket
    constructor(socket: WsLikeSocket) {
      super()
      this.raw = socket
    }
    send(data: string | Uint8Array, compress?: boolean, shared?: boolean): void {
      if (typeof data !== 'string') return this.raw.send(data, compress === true ? BINARY_COMPRESSED : BINARY)
      if (
        compress !== true &&
        preFraming !== undefined &&
        preFraming.write(this.raw, shared === true ? sharedFrame(preFraming, data) : preFraming.frame(data))
      )
        return
      this.raw.send(shared === true ? sharedTextFrame(data) : data, compress === true ? TEXT_COMPRESSED : TEXT)
    }
    close(code: number, reason: string): void {
      this.raw.close(code, reason)
    }
    terminate(): void {
      this.raw.terminate()
    }
    get bufferedAmount(): number {
      return this.raw.bufferedAmount
    }
  }

  // A subclass rather than an optional method: core checks `transport.ping` for presence.
  class WsPingTransportImpl extends WsTransportImpl implements WsPingTransport {
    ping(): void {
      this.raw.ping()
    }
  }

  return { WsTransport: WsTransportImpl, WsPingTransport: WsPingTransportImpl }
}
