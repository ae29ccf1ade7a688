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
 * What pre-framing needs from the runtime's byte buffers; Node's `Buffer` fits as it is. The frame
 * is sized from the text's UTF-8 length and the text written into it in one pass, and it is a
 * Buffer that every socket writes as is (a plain Uint8Array would get a new Buffer view per socket).
 */
export interface TextBuffers {
  byteLength(text: string, encoding: 'utf8'): number
  allocUnsafe(size: number): Uint8Array & { write(text: string, offset: number, encoding: 'utf8'): number }
}

/** Pre-built text frames for `ws` sockets (see WsPreFraming), in `buffers` (on Node: `Buffer`). */
export function createWsPreFraming(buffers: TextBuffers): WsPreFraming {
  return {
    /** One unmasked, final text frame (RFC 6455 §5.2): a 2-, 4- or 10-byte header, then the UTF-8 payload. */
    frame(text: string): Uint8Array {
      const length = buffers.byteLength(text, 'utf8')
      const header = length < 126 ? 2 : length < 65_536 ? 4 : 10
      const frame = buffers.allocUnsafe(header + length)
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
      frame.write(text, header, 'utf8')
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
      if (
        ws.readyState !== OPEN ||
        sender === undefined ||
        sender._state !== SENDER_IDLE ||
        sender._firstFragment !== true ||
        typeof sender.sendFrame !== 'function'
      )
        return false
      sender.sendFrame([frame])
      return true
    },
  }
}
