import type { WsLikeSocket, WsPreFraming } from './ws-socket.js'

const OPEN = 1
/** ws's Sender state while it is not compressing or reading a Blob (ws 8, lib/sender.js `DEFAULT`). */
const SENDER_IDLE = 0

/** The parts of ws's private Sender that pre-built frames rely on (engine.io writes pre-encoded frames the same way). */
interface WsSenderInternals {
  readonly _state?: number
  readonly _firstFragment?: boolean
  sendFrame(list: readonly Uint8Array[], cb?: () => void): void
}

/**
 * Pre-built text frames for `ws` sockets (see WsPreFraming). `encodeText` and `allocate` are the
 * adapter's: on Node, `Buffer.from` and `Buffer.allocUnsafe`, so the frame is a Buffer that every
 * socket writes as is (a plain Uint8Array would get a new Buffer view per socket).
 */
export function createWsPreFraming(encodeText: (text: string) => Uint8Array, allocate: (size: number) => Uint8Array): WsPreFraming {
  return {
    /** One unmasked, final text frame (RFC 6455 §5.2): a 2-, 4- or 10-byte header, then the UTF-8 payload. */
    frame(text: string): Uint8Array {
      const payload = encodeText(text)
      const length = payload.byteLength
      const header = length < 126 ? 2 : length < 65_536 ? 4 : 10
      const frame = allocate(header + length)
      frame[0] = 0x81 // FIN + opcode 1 (text)
      if (length < 126) {
        frame[1] = length
      } else if (length < 65_536) {
        frame[1] = 126
        frame[2] = length >>> 8
        frame[3] = length & 0xff
      } else {
        frame[1] = 127
        // Lengths stay below 2^53; the high 32 bits, then the low 32, big-endian.
        const view = new DataView(frame.buffer, frame.byteOffset, 10)
        view.setUint32(2, Math.floor(length / 2 ** 32))
        view.setUint32(6, length >>> 0)
      }
      frame.set(payload, header)
      return frame
    },

    /**
     * Hands the frame to the socket's ws Sender, which writes it behind everything queued before
     * it, as `ws.send` does once it has framed a message. Refused unless the socket is open and its
     * sender idle between whole messages: while it compresses a message or sits between the
     * fragments of one, a frame written now would overtake it, so `ws.send` must queue it. Also
     * refused if ws's internals ever change shape.
     */
    write(socket: WsLikeSocket, frame: Uint8Array): boolean {
      const ws = socket as WsLikeSocket & { readonly readyState?: number; readonly _sender?: WsSenderInternals }
      const sender = ws._sender
      if (ws.readyState !== OPEN || sender === undefined || sender._state !== SENDER_IDLE || sender._firstFragment !== true || typeof sender.sendFrame !== 'function') return false
      sender.sendFrame([frame])
      return true
    },
  }
}
