import { idleSender, sendFrame } from './ws-private.js'

/** What ws's `Sender.frame` (public, static) is given: an unmasked, final text frame, payload left as it is. */
const TEXT_FRAME = Object.freeze({ fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false })
/** The longest RFC 6455 header of an unmasked frame (§5.2): 2 bytes, plus 8 for a 64-bit length. */
const MAX_HEADER = 10

/**
 * ws's `Sender` class, for its public static `frame(data, options)`: the header and the payload of
 * one frame (`[header]` for an empty payload). Exported by `ws` as `Sender` (and, from CommonJS,
 * `WebSocket.Sender`); @types/ws does not declare it.
 */
export interface WsFramer {
  frame(
    data: Uint8Array,
    options: { readonly fin: boolean; readonly opcode: number; readonly mask: boolean; readonly readOnly: boolean; readonly rsv1: boolean },
  ): Uint8Array[]
}

/** Whether `value` is ws's Sender class (or has its `frame`). */
export function isWsFramer(value: unknown): value is WsFramer {
  return typeof (value as Partial<WsFramer> | undefined)?.frame === 'function'
}

/**
 * Whole text frames, built once and written to a socket's ws Sender in one piece. `ws.send` frames
 * every message itself, for every socket (an options copy, `Sender.send`, a header buffer, a corked
 * two-buffer write): a publish to 1,000 subscribers needs one frame, and a lone send one short
 * write (docs/benchmarks.md, finding 13).
 */
export interface WsPreFraming {
  /** The complete, unmasked, final text frame (RFC 6455 §5.2) holding `text`, framed by ws. */
  frame(text: string): Uint8Array
  /**
   * Writes `text` to `socket` as one pre-built frame behind whatever it has already sent, as
   * `ws.send` would after framing. `shared`: the same text goes to other sockets in this call, so
   * its frame is built once and reused. False (nothing written) when the socket cannot take a
   * pre-built frame now: not open, or its sender busy with a compressed or fragmented message.
   */
  send(socket: object, text: string, shared: boolean): boolean
}

/**
 * Pre-built text frames framed by ws's own `Sender.frame` (`framer`), in Node's `Buffer`: a Buffer
 * is what every socket writes as it is. `Buffer` is read when a frame is built, never when this
 * module loads, so importing it is safe where there is no Buffer.
 */
export function createWsPreFraming(framer: WsFramer): WsPreFraming {
  function frame(text: string): Uint8Array {
    // The payload is written once, behind room for the longest header; ws's header goes right before it.
    const bytes = Buffer.allocUnsafe(MAX_HEADER + Buffer.byteLength(text, 'utf8'))
    bytes.write(text, MAX_HEADER, 'utf8')
    const header = framer.frame(bytes.subarray(MAX_HEADER), TEXT_FRAME)[0]!
    const start = MAX_HEADER - header.byteLength
    bytes.set(header, start)
    return bytes.subarray(start)
  }

  // The frame of the last shared text: built on its first send, reused for the rest of the fan-out.
  let framedText: string | undefined
  let framed: Uint8Array | undefined

  return {
    frame,
    send(socket, text, shared) {
      const sender = idleSender(socket)
      if (sender === undefined) return false
      if (!shared) {
        sendFrame(sender, frame(text))
        return true
      }
      if (text !== framedText || framed === undefined) {
        framedText = text
        framed = frame(text)
      }
      sendFrame(sender, framed)
      return true
    },
  }
}
