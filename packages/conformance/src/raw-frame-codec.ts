import { randomBytes } from 'node:crypto'

/**
 * WebSocket frames as bytes, both ways, for the raw client (raw-frames.ts): it encodes the frames
 * no well-behaved client library would send (unmasked, reserved bits, unknown opcodes, any length)
 * and decodes whatever the server sends back.
 * @see https://www.rfc-editor.org/rfc/rfc6455#section-5.2
 */

export const Opcode = { CONTINUATION: 0x0, TEXT: 0x1, BINARY: 0x2, CLOSE: 0x8, PING: 0x9, PONG: 0xa } as const

export interface RawFrame {
  readonly opcode: number
  readonly payload?: Uint8Array | string
  /** FIN bit. Default true. */
  readonly fin?: boolean
  /** RSV1-3 as a 3-bit number (4 = RSV1). Default 0. */
  readonly rsv?: number
  /** Clients must mask; `false` sends an unmasked frame. Default true. */
  readonly mask?: boolean
}

/** A frame the server sent. */
export interface ServerFrame {
  readonly opcode: number
  readonly fin: boolean
  /** RSV1: set on a permessage-deflate compressed message (the payload is then deflated). */
  readonly compressed: boolean
  readonly payload: Buffer
}

export function encodeFrame(frame: RawFrame): Buffer {
  const payload = typeof frame.payload === 'string' ? Buffer.from(frame.payload) : Buffer.from(frame.payload ?? [])
  const masked = frame.mask ?? true
  const length = payload.length
  const extended = length < 126 ? 0 : length < 65536 ? 2 : 8
  const head = Buffer.alloc(2 + extended + (masked ? 4 : 0))
  head[0] = ((frame.fin ?? true) ? 0x80 : 0) | (((frame.rsv ?? 0) & 7) << 4) | (frame.opcode & 0x0f)
  head[1] = (masked ? 0x80 : 0) | (extended === 0 ? length : extended === 2 ? 126 : 127)
  if (extended === 2) head.writeUInt16BE(length, 2)
  if (extended === 8) head.writeBigUInt64BE(BigInt(length), 2)
  if (!masked) return Buffer.concat([head, payload])
  const key = randomBytes(4)
  key.copy(head, 2 + extended)
  const body = Buffer.alloc(length)
  for (let i = 0; i < length; i++) body[i] = payload[i]! ^ key[i & 3]!
  return Buffer.concat([head, body])
}

/** A close frame payload: 2-byte code and optional reason. */
export function closePayload(code: number, reason = ''): Buffer {
  const buffer = Buffer.alloc(2 + Buffer.byteLength(reason))
  buffer.writeUInt16BE(code, 0)
  buffer.write(reason, 2)
  return buffer
}

/** The first whole frame at the start of `buffer` and its size in bytes, or undefined until all of it has arrived. */
export function readFrame(buffer: Buffer): { frame: ServerFrame; size: number } | undefined {
  if (buffer.length < 2) return undefined
  let length = buffer[1]! & 0x7f
  let offset = 2
  if (length === 126) {
    if (buffer.length < 4) return undefined
    length = buffer.readUInt16BE(2)
    offset = 4
  } else if (length === 127) {
    if (buffer.length < 10) return undefined
    length = Number(buffer.readBigUInt64BE(2))
    offset = 10
  }
  if (buffer.length < offset + length) return undefined
  const frame = {
    opcode: buffer[0]! & 0x0f,
    fin: (buffer[0]! & 0x80) !== 0,
    compressed: (buffer[0]! & 0x40) !== 0,
    payload: buffer.subarray(offset, offset + length),
  }
  return { frame, size: offset + length }
}
