import { connect } from 'node:net'
import { randomBytes } from 'node:crypto'

/**
 * A tiny HTTP/1.1 client on node:net (available in Node and Bun). WebSocket clients hide the
 * status of a refused upgrade behind an error event whose shape differs per runtime; this reads
 * the status line off the wire, so the suite can assert "404, not upgraded" the same way everywhere.
 */

export interface RawResponse {
  /** The status line's code. */
  readonly status: number
  /** Lower-cased header names; repeated headers are joined with ", ". */
  readonly headers: Readonly<Record<string, string>>
  /** The body as text. */
  readonly body: string
}

/**
 * An HTTP request `rawHttpRequest` writes byte for byte on a plain socket, so cases can send what a
 * client library would normalise (odd paths, missing or repeated headers).
 */
export interface RawRequest {
  /** Default `GET`. */
  readonly method?: string
  /** Path and query, e.g. `/api/nope?x=1`. */
  readonly path: string
  /** Written as given after `Host` and `Connection: close`, which the same names here replace. */
  readonly headers?: Readonly<Record<string, string>>
  /** Milliseconds before the request fails. Default 3000. */
  readonly timeout?: number
}

const HEADER_END = '\r\n\r\n'

function parseHead(head: string): { status: number; headers: Record<string, string> } {
  const [statusLine = '', ...lines] = head.split('\r\n')
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)
  if (!match) throw new Error(`not an HTTP response: ${JSON.stringify(statusLine.slice(0, 80))}`)
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`
  }
  return { status: Number(match[1]), headers }
}

/** Decodes a chunked body; returns undefined while the terminating chunk has not arrived. */
function decodeChunked(raw: Buffer): Buffer | undefined {
  const parts: Buffer[] = []
  let offset = 0
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', offset)
    if (lineEnd < 0) return undefined
    const size = Number.parseInt(raw.subarray(offset, lineEnd).toString('latin1'), 16)
    if (Number.isNaN(size)) throw new Error('malformed chunked body')
    if (size === 0) return Buffer.concat(parts)
    const start = lineEnd + 2
    if (raw.length < start + size + 2) return undefined
    parts.push(raw.subarray(start, start + size))
    offset = start + size + 2
  }
}

/** The body once complete (by Content-Length or chunked framing), or undefined while incomplete. */
function completeBody(headers: Record<string, string>, raw: Buffer): Buffer | undefined {
  if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) return decodeChunked(raw)
  const length = headers['content-length']
  if (length !== undefined) return raw.length >= Number(length) ? raw.subarray(0, Number(length)) : undefined
  return undefined
}

/**
 * Sends one request and resolves with the response. A 101 response resolves as soon as its head
 * arrives (the connection is then dropped); others when the body is complete or the server closes.
 */
export function rawHttpRequest(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl)
  const headers: Record<string, string> = { host: url.host, connection: 'close', ...request.headers }
  const head = [`${request.method ?? 'GET'} ${request.path} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join(
    '\r\n',
  )
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname)
    let received = Buffer.alloc(0)
    let parsed: { status: number; headers: Record<string, string>; bodyStart: number } | undefined
    let settled = false
    const finish = (error: Error | undefined, response?: RawResponse): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      if (error) reject(error)
      else resolve(response!)
    }
    const timer = setTimeout(
      () => finish(new Error(`raw HTTP ${request.path}: timed out; got ${JSON.stringify(received.toString('latin1').slice(0, 200))}`)),
      request.timeout ?? 3000,
    )
    const tryComplete = (ended: boolean): void => {
      if (!parsed) {
        const end = received.indexOf(HEADER_END)
        if (end < 0) {
          if (ended) finish(new Error(`raw HTTP ${request.path}: connection closed before a response (${received.length} bytes)`))
          return
        }
        try {
          parsed = { ...parseHead(received.subarray(0, end).toString('latin1')), bodyStart: end + HEADER_END.length }
        } catch (error) {
          finish(error as Error)
          return
        }
      }
      const { status, headers: responseHeaders, bodyStart } = parsed
      if (status === 101) return finish(undefined, { status, headers: responseHeaders, body: '' })
      const rest = received.subarray(bodyStart)
      const body = completeBody(responseHeaders, rest) ?? (ended ? rest : undefined)
      if (body) finish(undefined, { status, headers: responseHeaders, body: body.toString('utf8') })
    }
    socket.on('connect', () => socket.write(`${head}\r\n\r\n`))
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      tryComplete(false)
    })
    socket.on('end', () => tryComplete(true))
    socket.on('close', () => tryComplete(true))
    socket.on('error', (error) => {
      // A reset right after the response (servers destroy refused upgrades) still leaves a readable answer.
      tryComplete(true)
      finish(error)
    })
  })
}

/** Sends a WebSocket upgrade request for `path` and reports the raw status (101 when upgraded). */
export function rawUpgradeRequest(baseUrl: string, path: string, headers: Readonly<Record<string, string>> = {}): Promise<RawResponse> {
  return rawHttpRequest(baseUrl, {
    path,
    headers: {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': randomBytes(16).toString('base64'),
      ...headers,
    },
  })
}
