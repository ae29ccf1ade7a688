import { SocketEvents, type Transport } from '@wsbridge/core/adapter'
import type { WsPreFraming } from './ws-pre-framing.js'

/** The parts of `ws`'s WebSocket a transport calls. */
export interface WsLikeSocket {
  /** Sends a text or binary frame, compressed when asked and negotiated. */
  send(data: string | Uint8Array, options: { readonly binary: boolean; readonly compress: boolean }): void
  /** Starts the closing handshake with a code and reason core has already validated. */
  close(code: number, reason: string): void
  /** Destroys the TCP socket without a closing handshake. */
  terminate(): void
  /** Sends a ping; the pong arrives as the socket's `'pong'` event. */
  ping(): void
  /** Bytes queued and not yet written: what backpressure is measured on. */
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

/**
 * The two transport classes `createWsTransports` builds for one `ws` flavour: `WsTransport` for hosts
 * whose heartbeat core runs without native pings, `WsPingTransport` for hosts that forward pongs.
 */
export interface WsTransports {
  /** For hosts whose heartbeat core runs without native pings. */
  readonly WsTransport: {
    /** Wraps a `ws` socket as core's transport. */
    new (socket: WsLikeSocket): WsTransport
  }
  /** For hosts that forward pongs to `events.pong()`. */
  readonly WsPingTransport: {
    /** Wraps a `ws` socket as core's transport, with `ping`. */
    new (socket: WsLikeSocket): WsPingTransport
  }
}

/**
 * Text as UTF-8 in a Node Buffer, which ws sends as it is (a plain Uint8Array from TextEncoder
 * would be wrapped in a new Buffer view on every send, that is once per subscriber).
 */
export function utf8Buffer(text: string): Uint8Array {
  return Buffer.from(text, 'utf8')
}

// `compress` is core's per-frame threshold decision; without it ws deflates nothing. ws copies the
// options it is given (`{ ...options }`), so these four serve every send: no object per message.
// `binary` is explicit because a text frame may be handed over as bytes (see sharedTextFrame).
const TEXT = Object.freeze({ binary: false, compress: false })
const TEXT_COMPRESSED = Object.freeze({ binary: false, compress: true })
const BINARY = Object.freeze({ binary: true, compress: false })
const BINARY_COMPRESSED = Object.freeze({ binary: true, compress: true })

/**
 * The transport classes for `ws` sockets, for an adapter to create once (at module level, or on its
 * first ws socket where Buffer may be missing). `encodeText` is the adapter's UTF-8 encoder
 * (`utf8Buffer` on Node). The classes exist once per connection: prototype methods only, and the
 * encode-once state below is per call, not per connection. With `preFraming`, text goes out as
 * pre-built frames (one per publish for fan-out) wherever the socket takes them.
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

  /**
   * A class, not an object of closures: it exists once per connection. Also the socket's events
   * object (core's SocketEvents), so a connection costs no second object.
   */
  class WsTransportImpl extends SocketEvents implements WsTransport {
    readonly raw: WsLikeSocket
    constructor(socket: WsLikeSocket) {
      super()
      this.raw = socket
    }
    send(data: string | Uint8Array, compress?: boolean, shared?: boolean): void {
      if (typeof data !== 'string') return this.raw.send(data, compress === true ? BINARY_COMPRESSED : BINARY)
      if (compress !== true && preFraming !== undefined && preFraming.send(this.raw, data, shared === true)) return
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
