import WebSocket from 'ws'
import { frameValue, type WireClientOptions, type WireCloseInfo, type WireFrame } from './wire-types.js'

/**
 * A client over real sockets, on the `ws` npm package (it works under Node and under Bun, which maps `ws` to
 * its own implementation). It records every frame from the moment the socket exists, so nothing
 * sent by the server right after the upgrade can be missed, and lets tests await frames in order.
 * Its names start with `Wire` so they never read as core's in-memory `TestClient` (`@wsbridge/core/testing`)
 * or the typed client's `ClientOptions`/`CloseInfo` (`@wsbridge/core/client`).
 */

export { frameValue, type WireClientOptions, type WireCloseInfo, type WireFrame } from './wire-types.js'

const DEFAULT_TIMEOUT = 3000
const decoder = new TextDecoder()

function toBytes(data: WebSocket.RawData | string): Uint8Array {
  if (typeof data === 'string') return new TextEncoder().encode(data)
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/**
 * A raw `ws` client for conformance cases: it records every frame the host sends (text or binary,
 * in order) and lets a case await the next one, send raw data and watch the close, so cases assert on
 * what crossed the wire rather than on a typed client's interpretation. Open one with `openClient`.
 */
export class WireClient {
  /** Every frame received so far, in order (`next` reads them one by one). */
  readonly frames: WireFrame[] = []
  /** The underlying `ws` socket, for what the client does not wrap (`protocol`, `extensions`). */
  readonly raw: WebSocket
  /** Resolves when the socket has closed, with the code and reason the client saw. */
  readonly closed: Promise<WireCloseInfo>
  #cursor = 0
  #closeInfo: WireCloseInfo | undefined
  #wake: (() => void)[] = []

  constructor(raw: WebSocket) {
    this.raw = raw
    raw.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      const frame: WireFrame = isBinary
        ? { kind: 'binary', bytes: toBytes(data) }
        : { kind: 'text', text: typeof data === 'string' ? data : decoder.decode(toBytes(data)) }
      this.frames.push(frame)
      this.#notify()
    })
    this.closed = new Promise((resolve) => {
      raw.on('close', (code: number, reason: Buffer | string) => {
        this.#closeInfo = { code, reason: typeof reason === 'string' ? reason : decoder.decode(reason) }
        resolve(this.#closeInfo)
        this.#notify()
      })
    })
    // Errors surface through `closed` and through the awaited frames; never as an unhandled event.
    raw.on('error', () => undefined)
  }

  /** The socket's `readyState` (0 connecting, 1 open, 2 closing, 3 closed). */
  get readyState(): number {
    return this.raw.readyState
  }

  /** Sends a value as JSON text. */
  send(value: unknown): void {
    this.raw.send(JSON.stringify(value))
  }

  /** Sends a text frame as-is (for invalid JSON cases). */
  sendText(text: string): void {
    this.raw.send(text)
  }

  /** Sends a binary frame. */
  sendBinary(bytes: Uint8Array): void {
    this.raw.send(bytes, { binary: true })
  }

  /** Starts a closing handshake with this code and reason, as a browser's `close()` would. */
  close(code?: number, reason?: string): void {
    this.raw.close(code, reason)
  }

  /** Drops the TCP connection without a closing handshake (the host should see 1006). */
  terminate(): void {
    this.raw.terminate()
  }

  /** The next frame not yet taken, waiting up to `timeout` ms. */
  async nextFrame(timeout = DEFAULT_TIMEOUT): Promise<WireFrame> {
    const [frame] = await this.takeFrames(1, timeout)
    return frame!
  }

  /** The next `count` frames not yet taken, in arrival order. */
  async takeFrames(count: number, timeout = DEFAULT_TIMEOUT): Promise<WireFrame[]> {
    const deadline = Date.now() + timeout
    while (this.frames.length - this.#cursor < count) {
      if (this.#closeInfo)
        throw new Error(
          `socket closed (${this.#closeInfo.code} ${JSON.stringify(this.#closeInfo.reason)}) while waiting for ${count} frame(s); got ${this.#describePending()}`,
        )
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`timed out after ${timeout}ms waiting for ${count} frame(s); got ${this.#describePending()}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.#wake.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
    const taken = this.frames.slice(this.#cursor, this.#cursor + count)
    this.#cursor += count
    return taken
  }

  /** The next message, parsed (JSON value, or Uint8Array for a binary frame). */
  async next(timeout = DEFAULT_TIMEOUT): Promise<unknown> {
    return frameValue(await this.nextFrame(timeout))
  }

  /** The next `count` messages, parsed. */
  async take(count: number, timeout = DEFAULT_TIMEOUT): Promise<unknown[]> {
    return (await this.takeFrames(count, timeout)).map(frameValue)
  }

  /** Waits for the socket to close; rejects after `timeout` ms. */
  async waitClose(timeout = DEFAULT_TIMEOUT): Promise<WireCloseInfo> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeout}ms waiting for close`)), timeout)
    })
    try {
      return await Promise.race([this.closed, expired])
    } finally {
      clearTimeout(timer)
    }
  }

  #notify(): void {
    const wake = this.#wake
    this.#wake = []
    for (const resolve of wake) resolve()
  }

  #describePending(): string {
    const pending = this.frames.slice(this.#cursor)
    return pending.length === 0 ? 'nothing' : JSON.stringify(pending.map((f) => (f.kind === 'text' ? f.text : `<${f.bytes.length} bytes>`)))
  }
}

/** Opens a `ws` client and resolves once the handshake is complete. Rejects with the HTTP status on refusal. */
export function openClient(url: string, options: WireClientOptions = {}): Promise<WireClient> {
  const protocols = typeof options.protocols === 'string' ? options.protocols : options.protocols ? [...options.protocols] : undefined
  const raw = new WebSocket(url, protocols, options.headers ? { headers: { ...options.headers } } : {})
  const client = new WireClient(raw)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      raw.terminate()
      reject(new Error(`timed out opening ${url}`))
    }, options.timeout ?? DEFAULT_TIMEOUT)
    const fail = (error: Error): void => {
      clearTimeout(timer)
      reject(error)
    }
    raw.once('open', () => {
      clearTimeout(timer)
      try {
        options.onOpen?.(client)
      } catch (error) {
        reject(error)
        return
      }
      resolve(client)
    })
    raw.once('unexpected-response', (_request, response) => {
      raw.terminate()
      fail(Object.assign(new Error(`upgrade refused with HTTP ${response.statusCode}`), { status: response.statusCode }))
    })
    raw.once('error', fail)
    raw.once('close', (code) => fail(new Error(`closed with ${code} before open`)))
  })
}
