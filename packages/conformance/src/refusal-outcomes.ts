import type { WsErrorCode } from '@wsbridge/core'
import type { Answer, ClientOutcome } from './client-outcome.js'

/**
 * The outcomes a client causes with its upgrade request (client-outcomes.ts): refused before any
 * connection exists, so the hooks see them through onRefused, with onError too when the server
 * failed (`blame: 'server'`).
 */

const refused = (answer: string, code: WsErrorCode, message: string, origin = false) =>
  `[wsbridge] refused ${answer} ${code} path=<path> ip=<ip> route=<route>${origin ? ' origin=<origin>' : ''}: ${message}`
const http = (status: number): Answer => ({ kind: 'http', status })

export const refusalOutcomes: readonly ClientOutcome[] = [
  {
    input: 'an upgrade without a valid token',
    ...refusal('UNAUTHORIZED', http(401), 'debug', refused('401', 'UNAUTHORIZED', 'Invalid token')),
    provoke: { kind: 'upgrade', route: 'outcomeAuth', path: '/outcome-auth/<t>?token=wrong' },
  },
  {
    input: 'an upgrade whose `verify` throws (a database down)',
    ...refusal('UNAUTHORIZED', http(401), 'error', refused('401', 'UNAUTHORIZED', 'Invalid token')),
    blame: 'server',
    stack: true,
    provoke: { kind: 'upgrade', route: 'outcomeAuth', path: '/outcome-auth/<t>?token=boom' },
  },
  {
    input: 'an upgrade `auth` refuses with 403',
    ...refusal('FORBIDDEN', http(403), 'debug', refused('403', 'FORBIDDEN', 'Not your room')),
    provoke: { kind: 'upgrade', route: 'outcomeAuth', path: '/outcome-auth/<t>?token=forbidden' },
  },
  {
    input: "an upgrade without a valid token, `authFailure: 'close'`",
    ...refusal('UNAUTHORIZED', { kind: 'close', code: 4401 }, 'debug', refused('close 4401', 'UNAUTHORIZED', 'Invalid token')),
    provoke: { kind: 'upgrade', route: 'outcomeAuthClose', path: '/outcome-auth-close/<t>?token=wrong' },
  },
  {
    input: 'an upgrade from an `Origin` outside `allowedOrigins`',
    ...refusal('ORIGIN_NOT_ALLOWED', http(403), 'warn', refused('403', 'ORIGIN_NOT_ALLOWED', 'Origin not allowed', true)),
    provoke: { kind: 'upgrade', route: 'outcomeOrigin', path: '/outcome-origin/<t>', headers: { origin: 'https://evil.example' } },
  },
  {
    input: 'an upgrade for no route under the prefix',
    ...refusal('ROUTE_NOT_FOUND', http(404), 'debug', '[wsbridge] refused 404 ROUTE_NOT_FOUND path=<path> ip=<ip>: Not found'),
    provoke: { kind: 'upgrade', route: undefined, path: '/outcome-none/<t>' },
  },
  {
    input: 'an upgrade past `maxConnections`',
    ...refusal('TOO_MANY_CONNECTIONS', http(503), 'warn', refused('503', 'TOO_MANY_CONNECTIONS', 'Too many connections')),
    provoke: { kind: 'upgrade', route: 'outcomeCapped', path: '/outcome-capped/<t>', hold: 1 },
  },
  {
    input: 'an upgrade without `Sec-WebSocket-Key`',
    ...refusal('INVALID_HANDSHAKE', http(400), 'debug', refused('400', 'INVALID_HANDSHAKE', 'Missing or invalid Sec-WebSocket-Key header')),
    provoke: { kind: 'upgrade', route: 'outcomeEcho', path: '/outcomeEcho?t=<t>', headers: { 'sec-websocket-key': '' } },
  },
  {
    input: 'an upgrade whose request target is not valid URI syntax (a `%` without two hex digits, a `\\`)',
    ...refusal('INVALID_HANDSHAKE', http(400), 'debug', refused('400', 'INVALID_HANDSHAKE', 'Invalid request target')),
    provoke: { kind: 'upgrade', route: 'outcomeEcho', path: '/outcomeEcho?t=<t>&x=%zz' },
  },
  {
    input: 'an upgrade with a `Sec-WebSocket-Version` other than 13',
    ...refusal('UNSUPPORTED_VERSION', http(426), 'debug', refused('426', 'UNSUPPORTED_VERSION', 'Unsupported WebSocket version')),
    provoke: { kind: 'upgrade', route: 'outcomeEcho', path: '/outcomeEcho?t=<t>', headers: { 'sec-websocket-version': '8' } },
  },
]

function refusal(code: WsErrorCode, answer: Answer, level: ClientOutcome['level'], log: string) {
  return { code, hook: 'onRefused' as const, blame: 'client' as const, answer, level, log }
}
