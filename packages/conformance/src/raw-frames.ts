import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'

/**
 * A WebSocket client on raw TCP (node:net, available in Node and Bun) that can send frames no
 * well-behaved client library would: unmasked, reserved bits set, unknown opcodes, oversized or
 * fragmented control frames, invalid UTF-8, bad close codes. It never answers pings on its own
 * (so it doubles as the dead peer for heartbeat tests) and reports how the server ended the
 * connection: a close frame with its code, or a plain drop.
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

/** How the server ended the connection: a close frame (with its code, if any) or a TCP drop. */
export type RawOutcome =
  | { readonly kind: 'close'; readonly code: number | undefined; readonly reason: string }
  | { readonly kind: 'dropped' }

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

function upgradeHead(url: URL, path: string, headers: Readonly<Record<string, string>>): string {
  const lines = [
    `GET ${path} HTTP/1.1`,
    `host: ${url.host}`,
    'connection: Upgrade',
    'upgrade: websocket',
    'sec-websocket-version: 13',
    `sec-websocket-key: ${randomBytes(16).toString('base64')}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ]
  return `${lines.join('\r\n')}\r\n\r\n`
}

export interface RawOpenOptions {
  readonly headers?: Readonly<Record<string, string>>
  /** Milliseconds to wait for the 101. Default 3000. */
  readonly timeout?: number
}

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
    const url = new URL(wsUrl)
    return new Promise((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname)
      let head = Buffer.alloc(0)
      const timer = setTimeout(
        () => fail(new Error(`raw upgrade ${path}: no 101 within ${options.timeout ?? 3000} ms`)),
        options.timeout ?? 3000,
      )
      const fail = (error: Error): void => {
        clearTimeout(timer)
        socket.destroy()
        reject(error)
      }
      const onData = (chunk: Buffer): void => {
        head = Buffer.concat([head, chunk])
        const end = head.indexOf('\r\n\r\n')
        if (end < 0) return
        socket.off('data', onData)
        clearTimeout(timer)
        const [status = '', ...lines] = head.subarray(0, end).toString('latin1').split('\r\n')
        if (!/^HTTP\/1\.1 101/.test(status)) return fail(new Error(`raw upgrade ${path}: ${status}`))
        const extensions = lines.find((line) => /^sec-websocket-extensions:/i.test(line))?.replace(/^[^:]*:\s*/, '') ?? ''
        resolve(new RawWebSocket(socket, head.subarray(end + 4), extensions))
      }
      socket.on('data', onData)
      socket.once('error', fail)
      socket.once('connect', () => socket.write(upgradeHead(url, path, options.headers ?? {})))
    })
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

function readFrame(buffer: Buffer): { frame: ServerFrame; size: number } | undefined {
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

/** Opens TCP connections that send only part of an upgrade request and then stall (slowloris). */
export function openHalfHandshake(wsUrl: string, path: string): Promise<Socket> {
  const url = new URL(wsUrl)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname)
    socket.once('error', reject)
    socket.once('connect', () => {
      socket.off('error', reject)
      socket.on('error', () => undefined)
      socket.write(upgradeHead(url, path, {}).split('\r\n').slice(0, 3).join('\r\n'))
      resolve(socket)
    })
  })
}
