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
  /** Returns the frame for `data` as the buffers to write: the header, then the payload. */
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
 * is what every socket writes as it is. `Buffer` is read here, when pre-framing is created for ws
 * sockets (which exist only where Buffer does), never when this module loads, so importing it is
 * safe where there is no Buffer.
 */
export function createWsPreFraming(framer: WsFramer): WsPreFraming {
  // Read once: Node's global `Buffer` is an accessor, and reading it per frame cost a getter call
  // through V8's global-load IC each time (~300 instructions per Node echo message, finding 19).
  const buffers = Buffer
  const headers = createHeaderCache()

  function frame(text: string): Uint8Array {
    const length = buffers.byteLength(text, 'utf8')
    const header = headers.get(length)
    if (header === undefined) return frameByWs(text, length)
    // ws's header for this length, copied in front of the payload: one Buffer per message, as
    // `ws.send` would have built for the payload alone.
    const bytes = buffers.allocUnsafe(header.length + length)
    for (let i = 0; i < header.length; i++) bytes[i] = header[i]!
    bytes.write(text, header.length, 'utf8')
    return bytes
  }

  function frameByWs(text: string, length: number): Uint8Array {
    // The payload is written once, behind room for the longest header; ws's header goes right before it.
    const bytes = buffers.allocUnsafe(MAX_HEADER + length)
    bytes.write(text, MAX_HEADER, 'utf8')
    const header = framer.frame(bytes.subarray(MAX_HEADER), TEXT_FRAME)[0]!
    headers.set(length, header)
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

/** Slots in the header cache: every payload length below this has its own slot. */
const HEADER_SLOTS = 128
const EMPTY_HEADER = new Uint8Array(0)

/**
 * ws's headers by payload length. With one set of options and no mask, the header `Sender.frame`
 * builds depends on the payload's length alone, so ws is asked once per length and its header
 * reused: framing every message through ws cost a header Buffer, two `subarray` views, an array
 * and a `set` per message, ~1,500–2,100 instructions per Node echo (docs/benchmarks.md, finding 19).
 * Direct-mapped on the length, so it holds at most HEADER_SLOTS headers, each in its own 2–10
 * bytes (a slice of ws's header would keep the 8 KiB pool it was cut from alive).
 */
function createHeaderCache(): { get(length: number): Uint8Array | undefined; set(length: number, header: Uint8Array): void } {
  // Every slot filled from the start (no holes): a lookup is two array reads and a comparison.
  const lengths = Array.from({ length: HEADER_SLOTS }, () => -1)
  const headers = Array.from({ length: HEADER_SLOTS }, () => EMPTY_HEADER)
  return {
    get(length) {
      const slot = length & (HEADER_SLOTS - 1)
      return lengths[slot] === length ? headers[slot] : undefined
    },
    set(length, header) {
      const slot = length & (HEADER_SLOTS - 1)
      lengths[slot] = length
      headers[slot] = Uint8Array.from(header)
    },
  }
}
