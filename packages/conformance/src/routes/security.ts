import { defineRoute, noAuth, tokenAuth, WsError, type UpgradeContext } from '@wsbridge/core'
import { record } from '../fixture/journal.js'

/** Must never reach a client: thrown by verify() and by handlers on the security routes. */
export const SECURITY_SECRET = 'security-internal-detail-must-not-leak'

/**
 * Short timings so the suite runs in seconds; the defaults are in docs/security.md. The heartbeat
 * leaves room for a loaded 2-core CI box, where client and server share one event loop: at 100 ms a
 * healthy peer's pong sometimes arrived after the next sweep and it was dropped.
 */
export const securityTimings = {
  heartbeat: 250,
  idleSeconds: 0.2,
  rateMessages: 5,
  payload: 1024,
  backpressure: 64 * 1024,
  maxConnections: 2,
}

/** `good` → alice, `admin` → admin, `forbidden` → 403, `boom` → verify throws, anything else → 401. */
function verify(token: string): { name: string } | null {
  if (token === 'good') return { name: 'alice' }
  if (token === 'admin') return { name: 'admin' }
  if (token === 'forbidden') throw new WsError('FORBIDDEN', 'Not your room')
  if (token === 'boom') throw new Error(SECURITY_SECRET)
  return null
}

const recordOpen = (connection: { query: Readonly<Record<string, string>>; user: unknown }): void =>
  record(connection.query['t'], { type: 'open', user: connection.user })
const recordClose = (connection: { query: Readonly<Record<string, string>> }, code: number, reason: string): void =>
  record(connection.query['t'], { type: 'close', code, reason })
const whoAmI = {
  onOpen: recordOpen,
  onClose: recordClose,
  onMessage: (_m: unknown, c: { user: unknown; send(d: unknown): unknown }) => c.send({ user: c.user }),
}

/** Floods the connection with `count` frames of `size` bytes and records each send result. */
function flood(
  connection: { send(d: unknown): string; query: Readonly<Record<string, string>>; bufferedAmount: number },
  count: number,
  size: number,
): void {
  const payload = 'x'.repeat(size)
  const results: Record<string, number> = {}
  let maxBuffered = 0
  for (let i = 0; i < count; i++) {
    const result = connection.send({ i, payload })
    results[result] = (results[result] ?? 0) + 1
    maxBuffered = Math.max(maxBuffered, connection.bufferedAmount)
  }
  record(connection.query['t'], { type: 'flood', results, maxBuffered })
}

export const securityRoutes = {
  secAuthQuery: defineRoute({ kind: 'ws', auth: tokenAuth(verify), handler: whoAmI }),
  secAuthHeader: defineRoute({ kind: 'ws', auth: tokenAuth(verify, { from: 'header' }), handler: whoAmI }),
  secAuthCookie: defineRoute({ kind: 'ws', auth: tokenAuth(verify, { from: 'cookie', cookieName: 'sid' }), handler: whoAmI }),
  secAuthProtocol: defineRoute({ kind: 'ws', auth: tokenAuth(verify, { from: 'protocol' }), handler: whoAmI }),
  secAuthCustom: defineRoute({
    kind: 'ws',
    auth: tokenAuth(verify, { from: 'custom', extract: (r: UpgradeContext<any>) => r.headers['x-api-key'] }),
    handler: whoAmI,
  }),
  secAuthClose: defineRoute({ kind: 'ws', auth: tokenAuth(verify), authFailure: 'close', handler: whoAmI }),
  /** The vite plugin's result form: `{ success: true, data }` or `{ success: false, code, reason }`. */
  secAuthVite: defineRoute({
    kind: 'ws',
    authFailure: 'close',
    auth: (request) =>
      request.query['token'] === 'good'
        ? { success: true as const, data: { name: 'vite' } }
        : { success: false as const, code: 4001, reason: 'No token provided' },
    handler: whoAmI,
  }),
  secPublic: defineRoute({ kind: 'ws', auth: noAuth, handler: whoAmI }),
  secOrigin: defineRoute({ kind: 'ws', limits: { allowedOrigins: ['https://app.example', 'https://*.trusted.example'] }, handler: whoAmI }),
  secAnyOrigin: defineRoute({ kind: 'ws', limits: { allowedOrigins: '*' }, handler: whoAmI }),
  secRate: defineRoute({
    kind: 'ws',
    limits: { rateLimit: { messages: securityTimings.rateMessages, interval: 60_000, policy: 'close' } },
    handler: whoAmI,
  }),
  secRateError: defineRoute({
    kind: 'ws',
    limits: { rateLimit: { messages: securityTimings.rateMessages, interval: 60_000, policy: 'error' } },
    handler: whoAmI,
  }),
  secMaxConn: defineRoute({ kind: 'ws', limits: { maxConnections: securityTimings.maxConnections }, handler: whoAmI }),
  secPayload: defineRoute({
    kind: 'ws',
    limits: { maxPayloadLength: securityTimings.payload },
    handler: { ...whoAmI, onBinary: (d, c) => c.send(d) },
  }),
  secHeartbeat: defineRoute({ kind: 'ws', limits: { heartbeat: securityTimings.heartbeat, idleTimeout: 0 }, handler: whoAmI }),
  secIdle: defineRoute({ kind: 'ws', limits: { heartbeat: false, idleTimeout: securityTimings.idleSeconds }, handler: whoAmI }),
  /** `{ count, size }` floods this client; the client under test never reads. */
  secSlowClose: defineRoute({
    kind: 'ws',
    limits: { backpressureLimit: securityTimings.backpressure, backpressurePolicy: 'close', rateLimit: false, closeTimeout: 300 },
    handler: { onClose: recordClose, onMessage: (m, c) => flood(c, (m as { count: number }).count, (m as { size: number }).size) },
  }),
  secSlowDrop: defineRoute({
    kind: 'ws',
    limits: { backpressureLimit: securityTimings.backpressure, backpressurePolicy: 'drop', rateLimit: false, closeTimeout: 300 },
    handler: {
      onClose: recordClose,
      onDrain: (c) => record(c.query['t'], { type: 'drain' }),
      onMessage: (m, c) => flood(c, (m as { count: number }).count, (m as { size: number }).size),
    },
  }),
  /** Every lifecycle hook throws or rejects; the socket and the process must survive. */
  secThrows: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: async () => {
        await Promise.resolve()
        throw new Error(SECURITY_SECRET)
      },
      onMessage: (message, connection) => {
        if ((message as { fail?: unknown }).fail) throw new Error(SECURITY_SECRET)
        return connection.send({ echo: message })
      },
      onBinary: () => Promise.reject(new Error(SECURITY_SECRET)),
      onError: (connection, error) => {
        record(connection.query['t'], { type: 'error', code: error.code })
        throw new Error(SECURITY_SECRET)
      },
      onClose: (connection, code) => {
        record(connection.query['t'], { type: 'close', code, reason: '' })
        throw new Error(SECURITY_SECRET)
      },
    },
  }),
  secContextThrows: defineRoute({
    kind: 'ws',
    context: (): Record<string, unknown> => {
      throw new Error(SECURITY_SECRET)
    },
    handler: whoAmI,
  }),
  /** A room everyone joins: topic-index leak checks use it. */
  secRoom: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (c) => c.subscribe('sec-room'),
      onMessage: (m, c) => {
        c.publish('sec-room', m, { includeSelf: true })
      },
    },
  }),
  /** Echoes every message as it came: the compression cases read which replies were deflated. */
  squeeze: defineRoute({ kind: 'ws', handler: { onMessage: (message, c) => c.send(message) } }),
}
