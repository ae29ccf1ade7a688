import type { RejectedUpgrade } from './bridge-types.js'

/**
 * How a refused upgrade is answered on the wire, byte for byte the same on every adapter: the
 * status, a plain-text body (the refusal's message) and the same headers, and the connection
 * closed. Adapters used to answer in their runtime's own way, so one refusal read differently per
 * host (node-server and @hono/node-ws write the status only, with an empty body).
 */

/** The parts of a refused upgrade's answer, for adapters that write it themselves. */
export interface RefusalAnswer {
  /** The HTTP status (401, 403, 404, 426, …). */
  readonly status: number
  /** The status line's reason phrase (`Forbidden`). */
  readonly statusText: string
  /** In the order they are written. */
  readonly headers: readonly (readonly [name: string, value: string])[]
  /** The plain-text body: the refusal's message. */
  readonly body: string
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  410: 'Gone',
  413: 'Payload Too Large',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

const encoder = new TextEncoder()

/** The answer for `rejected`. */
export function refusalAnswer(rejected: Pick<RejectedUpgrade, 'status' | 'message' | 'error'>): RefusalAnswer {
  const statusText = STATUS_TEXT[rejected.status] ?? 'Error'
  if (rejected.error.code === 'UNSUPPORTED_VERSION') {
    // What Bun's own upgrade sends (RFC 6455 §4.4): no body, the version this server speaks.
    return {
      status: rejected.status,
      statusText,
      headers: [
        ['Connection', 'close'],
        ['Sec-WebSocket-Version', '13'],
        ['Content-Length', '0'],
      ],
      body: '',
    }
  }
  // The message may come from an auth hook: CR/LF would end the body's line in a raw response.
  const body = rejected.message.replace(/[\r\n]+/g, ' ')
  return {
    status: rejected.status,
    statusText,
    headers: [
      ['Connection', 'close'],
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['Content-Length', String(encoder.encode(body).byteLength)],
    ],
    body,
  }
}

/** The answer as a web Response, for fetch-style runtimes (Bun, Hono); the runtime sets Content-Length. */
export function refusalResponse(rejected: Pick<RejectedUpgrade, 'status' | 'message' | 'error'>): Response {
  const answer = refusalAnswer(rejected)
  const headers = answer.headers.filter(([name]) => name !== 'Content-Length').map(([name, value]): [string, string] => [name, value])
  return new Response(answer.body === '' ? null : answer.body, { status: answer.status, headers })
}

/** The answer as raw HTTP/1.1, for an upgrade socket no HTTP server writes to any more (Node). */
export function refusalHttp(rejected: Pick<RejectedUpgrade, 'status' | 'message' | 'error'>): string {
  const answer = refusalAnswer(rejected)
  const head = answer.headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')
  return `HTTP/1.1 ${answer.status} ${answer.statusText}\r\n${head}\r\n${answer.body}`
}
