import { WsError } from './errors.js'
import type { UpgradeRequest } from './upgrade.js'

/**
 * What makes a request a WebSocket handshake, and what makes one malformed, decided the same way
 * on every adapter. Runtimes differ here: Node treats a request as an upgrade only with both
 * `Upgrade` and `Connection: upgrade` (otherwise the app's request handler gets it), Bun upgrades
 * without `Connection`, and each answers a malformed handshake with its own status and body (ws:
 * 400/405 with ws's wording; Bun: 400 "WebSocket upgrade failed"; hono/bun: 404). Adapters check
 * here before they ask the runtime to upgrade, so the runtime's own answer is never reached.
 * @see https://www.rfc-editor.org/rfc/rfc6455#section-4.2.1
 */

type RequestHeaders = UpgradeRequest['headers']

function header(headers: RequestHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const value = (headers as Readonly<Record<string, string | string[] | undefined>>)[name]
  return Array.isArray(value) ? value.join(', ') : value
}

/** Whether a comma-separated header value lists `token` (case-insensitive), e.g. `keep-alive, Upgrade`. */
function hasToken(value: string | undefined, token: string): boolean {
  if (value === undefined) return false
  for (const part of value.split(',')) if (part.trim().toLowerCase() === token) return true
  return false
}

/**
 * Whether the request asks for a WebSocket: `Upgrade: websocket` and `Connection: upgrade`, as Node
 * decides before any adapter sees it. A request without either is plain HTTP on every host, and
 * goes to the app (Bun's `fallback`, Hono's `next()`, Node's request handler).
 */
export function isWebSocketUpgrade(headers: RequestHeaders): boolean {
  return hasToken(header(headers, 'upgrade'), 'websocket') && hasToken(header(headers, 'connection'), 'upgrade')
}

/** 16 random bytes in base64 (RFC 6455 §4.1), as `ws` checks it. */
const KEY = /^[+/0-9A-Za-z]{22}==$/

/**
 * Why an upgrade request is not a valid RFC 6455 handshake, as the error to refuse it with (its
 * status and message are the answer), or undefined when it is valid. An `Upgrade` that is not
 * `websocket` (on Node, also one Node dropped: it keeps 2,000 raw header entries), a method other
 * than GET and a missing or malformed `Sec-WebSocket-Key` are INVALID_HANDSHAKE (400); a version
 * other than 13 is UNSUPPORTED_VERSION (426, as Bun's `server.upgrade` answers it).
 */
export function handshakeError(method: string, headers: RequestHeaders): WsError | undefined {
  // Only Node hands over an upgrade without `Upgrade: websocket` (another protocol, or the header dropped).
  if (!hasToken(header(headers, 'upgrade'), 'websocket')) return new WsError('INVALID_HANDSHAKE', 'Invalid Upgrade header')
  // Before the method and key: Bun's `server.upgrade` checks the version first.
  if (header(headers, 'sec-websocket-version')?.trim() !== '13') return new WsError('UNSUPPORTED_VERSION')
  if (method !== 'GET') return new WsError('INVALID_HANDSHAKE', 'Invalid HTTP method')
  const key = header(headers, 'sec-websocket-key')
  if (key === undefined || !KEY.test(key.trim())) return new WsError('INVALID_HANDSHAKE', 'Missing or invalid Sec-WebSocket-Key header')
  return undefined
}
