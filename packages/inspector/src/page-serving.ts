import { admits } from './access.js'
import { inspectorPage } from './page/html.js'

/** The parts of Node's `IncomingMessage` the page needs (structural: no `node:http` import). */
export interface NodeRequestLike {
  /** The request target (path and query). */
  readonly url?: string | undefined
  /** The HTTP method; only GET is answered. */
  readonly method?: string | undefined
  /** The connection the request came on. */
  readonly socket: {
    /** The peer's address: loopback peers are admitted without a token. */
    readonly remoteAddress?: string | undefined
  }
}

/** The parts of Node's `ServerResponse` the page needs. */
export interface NodeResponseLike {
  /** Sends the status line and headers. */
  writeHead(status: number, headers: Record<string, string>): unknown
  /** Sends the body and ends the response. */
  end(body?: string): unknown
}

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The page's script and style are inline; nothing else may load, and no other site may frame it.
  'content-security-policy':
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self' ws: wss:; img-src data:; frame-ancestors 'none'",
}

/**
 * Serves the page at `pagePath`: 403 to a peer that is neither loopback nor presents the token,
 * 503 before `attach`, else the HTML, which connects to the inspector route under the bridge's prefix.
 */
export function pageHandlers(pagePath: string, routePath: string, token: string | undefined, prefix: () => string | undefined) {
  const answer = (path: string, query: URLSearchParams, ip: string | undefined): { status: number; body: string } => {
    if (!admits(ip, query.get('token'), token))
      return { status: 403, body: 'The wsbridge inspector is served to loopback peers only (or with its token).' }
    const served = prefix()
    if (served === undefined)
      return { status: 503, body: 'The wsbridge inspector is not attached to a bridge yet (inspector.attach(bridge)).' }
    return { status: 200, body: inspectorPage(`${served}${routePath}`, path) }
  }
  return {
    fetch(request: Request, ip: string | undefined): Response | undefined {
      const url = new URL(request.url)
      if (url.pathname !== pagePath || request.method !== 'GET') return undefined
      const { status, body } = answer(url.pathname, url.searchParams, ip)
      return new Response(body, { status, headers: status === 200 ? HEADERS : { 'content-type': 'text/plain' } })
    },
    handleNode(request: NodeRequestLike, response: NodeResponseLike): boolean {
      const url = new URL(request.url ?? '/', 'http://localhost')
      if (url.pathname !== pagePath || (request.method ?? 'GET') !== 'GET') return false
      const { status, body } = answer(url.pathname, url.searchParams, request.socket.remoteAddress)
      response.writeHead(status, status === 200 ? HEADERS : { 'content-type': 'text/plain' })
      response.end(body)
      return true
    },
  }
}
