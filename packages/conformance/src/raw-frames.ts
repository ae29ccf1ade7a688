import type { Socket } from 'node:net'
import { encodeFrame, Opcode, readFrame, type RawFrame, type ServerFrame } from './raw-frame-codec.js'
import { rawUpgrade, type RawOpenOptions } from './raw-handshake.js'

/**
 * A WebSocket client on raw TCP (node:net, available in Node and Bun) that can send frames no
 * well-behaved client library would: unmasked, reserved bits set, unknown opcodes, oversized or
 * fragmented control frames, invalid UTF-8, bad close codes. It never answers pings on its own
 * (so it doubles as the dead peer for heartbeat tests) and reports how the server ended the
 * connection: a close frame with its code, or a plain drop. The bytes of a frame are
 * raw-frame-codec.ts's; the handshake is raw-handshake.ts's.
 * @see https://www.rfc-editor.org/rfc/rfc6455#section-5.2
 */

export { closePayload, encodeFrame, Opcode, type RawFrame, type ServerFrame } from './raw-frame-codec.js'
export { openHalfHandshake, type RawOpenOptions } from './raw-handshake.js'

/** How the server ended the connection: a close frame (with its code, if any) or a TCP drop. */
export type RawOutcome =
  | { readonly kind: 'close'; readonly code: number | undefined; readonly reason: string }
  | { readonly kind: 'dropped' }

export class RawWebSocket {
  readonly socket: Socket
  readonly frames: ServerFrame[] = []
  /** The `Sec-WebSocket-Extensions` the server accepted in its 101 ('' when none). */
  readonly extensions: string
  /** Resolves with the server's close frame as soon as it arrives, or with a drop when the TCP connection ends without one. */
  readonly outcome: Promise<RawOutcome>
  #settle: (outcome: RawOutcome) => void = () => undefined
  #buffer: Buffer = Buffer.alloc(0)
  #close: RawOutcome | undefined

  constructor(socket: Socket, rest: Buffer, extensions = '') {
    this.socket = socket
    this.extensions = extensions
    this.outcome = new Promise((resolve) => {
      this.#settle = resolve
      socket.once('close', () => resolve(this.#close ?? { kind: 'dropped' }))
    })
    socket.on('data', (chunk: Buffer) => this.#receive(chunk))
    socket.on('error', () => undefined)
    if (rest.length > 0) this.#receive(rest)
  }

  /** Performs the handshake on a fresh TCP connection; `wsUrl` is `ws://host:port`, `path` includes the prefix. */
  static open(wsUrl: string, path: string, options: RawOpenOptions = {}): Promise<RawWebSocket> {
    return rawUpgrade(wsUrl, path, options, (socket, rest, extensions) => new RawWebSocket(socket, rest, extensions))
  }

  send(frame: RawFrame): void {
    this.socket.write(encodeFrame(frame))
  }

  /** Writes raw bytes as they are (partial frames, garbage). */
  write(bytes: Uint8Array): void {
    this.socket.write(bytes)
  }

  sendText(text: string): void {
    this.send({ opcode: Opcode.TEXT, payload: text })
  }

  /** Resolves with the next text frame the server sends after `after` frames (parsed as JSON when possible). */
  async nextText(after = this.frames.length, timeout = 3000): Promise<unknown> {
    const deadline = Date.now() + timeout
    while (Date.now() < deadline) {
      const frame = this.frames.slice(after).find((f) => f.opcode === Opcode.TEXT)
      if (frame) return parseJson(frame.payload.toString('utf8'))
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    throw new Error('raw socket: no text frame arrived')
  }

  /** How the connection ended, or a rejection after `timeout` ms if it is still open. */
  waitOutcome(timeout = 3000): Promise<RawOutcome> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const expired = new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`raw socket still open after ${timeout} ms`)), timeout)),
    )
    return Promise.race([this.outcome, expired]).finally(() => clearTimeout(timer))
  }

  destroy(): void {
    this.socket.destroy()
  }

  #receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk])
    for (;;) {
      const frame = readFrame(this.#buffer)
      if (!frame) return
      this.#buffer = this.#buffer.subarray(frame.size)
      this.frames.push(frame.frame)
      if (frame.frame.opcode === Opcode.CLOSE && this.#close === undefined) {
        const p = frame.frame.payload
        this.#close = { kind: 'close', code: p.length >= 2 ? p.readUInt16BE(0) : undefined, reason: p.subarray(2).toString('utf8') }
        // Deliberately no close reply: the client stays a straggler unless the test ends it.
        this.#settle(this.#close)
      }
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
