import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'

/**
 * The HTTP upgrade on a raw TCP connection (node:net, available in Node and Bun), written by hand
 * so the raw client (raw-frames.ts) owns the socket from its first byte: a whole handshake, or
 * only the start of one (slowloris).
 * @see https://www.rfc-editor.org/rfc/rfc6455#section-4.1
 */

export interface RawOpenOptions {
  readonly headers?: Readonly<Record<string, string>>
  /** Milliseconds to wait for the 101. Default 3000. */
  readonly timeout?: number
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

/**
 * Upgrades a fresh TCP connection; `wsUrl` is `ws://host:port`, `path` includes the prefix. On the
 * 101, `adopt` gets the socket, the bytes that came after the head and the accepted extensions, in
 * the same tick: no frame can arrive before the caller listens.
 */
export function rawUpgrade<T>(
  wsUrl: string,
  path: string,
  options: RawOpenOptions,
  adopt: (socket: Socket, rest: Buffer, extensions: string) => T,
): Promise<T> {
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
      resolve(adopt(socket, head.subarray(end + 4), extensions))
    }
    socket.on('data', onData)
    socket.once('error', fail)
    socket.once('connect', () => socket.write(upgradeHead(url, path, options.headers ?? {})))
  })
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
