import { connect } from 'node:net'
import WebSocket from 'ws'

/** A `ws` client that records every frame from the moment the socket exists, so none is missed. */
export interface TestSocket {
  readonly ws: WebSocket
  readonly protocol: string
  /** The next message (JSON-parsed text, or a Uint8Array for binary), waiting up to 3 s. */
  next(): Promise<unknown>
  send(value: unknown): void
  readonly closed: Promise<{ code: number; reason: string }>
}

export function openSocket(url: string, options: { protocols?: string[]; headers?: Record<string, string>; onOpen?: (ws: WebSocket) => void } = {}): Promise<TestSocket> {
  const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers ?? {} })
  const inbox: unknown[] = []
  const waiters: ((value: unknown) => void)[] = []
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const value = isBinary ? new Uint8Array(data) : JSON.parse(data.toString('utf8'))
    const waiter = waiters.shift()
    if (waiter) waiter(value)
    else inbox.push(value)
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })))
  return new Promise((resolve, reject) => {
    ws.on('error', reject)
    ws.on('open', () => {
      options.onOpen?.(ws)
      resolve({
        ws,
        get protocol() {
          return ws.protocol
        },
        next: () =>
          inbox.length > 0
            ? Promise.resolve(inbox.shift())
            : new Promise((res, rej) => {
                const timer = setTimeout(() => rej(new Error('no message within 3 s')), 3000)
                waiters.push((value) => (clearTimeout(timer), res(value)))
              }),
        send: (value) => ws.send(JSON.stringify(value)),
        closed,
      })
    })
  })
}

/** Sends an upgrade request over a raw TCP socket and returns the HTTP status line's code and body. */
export function rawUpgrade(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const lines = [`GET ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==']
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`)
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`))
    let text = ''
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8')
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)
      if (status && text.includes('\r\n\r\n')) {
        socket.destroy()
        resolve({ status: Number(status[1]), text })
      }
    })
    socket.on('error', reject)
  })
}
