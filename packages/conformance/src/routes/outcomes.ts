import { defineRoute, tokenAuth, WsError } from '@wsbridge/core'
import * as v from 'valibot'

/** What the outcome routes' `verify` throws for `boom`: it must never reach a client. */
export const OUTCOME_SECRET = 'outcome-verify-detail-must-not-leak'

/** `good` → a user, `forbidden` → 403, `boom` → verify throws (a database down), anything else → 401. */
function verify(token: string): { name: string } | null {
  if (token === 'good') return { name: 'alice' }
  if (token === 'forbidden') throw new WsError('FORBIDDEN', 'Not your room')
  if (token === 'boom') throw new Error(OUTCOME_SECRET)
  return null
}

const echo = { onMessage: (message: unknown, connection: { send(data: unknown): unknown }) => void connection.send({ echo: message }) }

/** Sends `{ count, size }` frames at once, more than a client that does not read can take. */
function flood(message: unknown, connection: { send(data: unknown): unknown }): void {
  const { count, size } = message as { count: number; size: number }
  const payload = 'x'.repeat(size)
  for (let i = 0; i < count; i++) connection.send({ i, payload })
}

/**
 * One route per client-caused outcome (client-outcomes.ts). Refusal routes take a `:t` path
 * parameter, so each attempt has a path of its own and its refusal can be told apart.
 */
export const outcomeRoutes = {
  outcomeEcho: defineRoute({ kind: 'ws', handler: echo }),
  outcomeValidated: defineRoute({ kind: 'ws', input: v.object({ text: v.string() }), handler: echo }),
  outcomeTyped: defineRoute({
    kind: 'ws',
    messages: { ping: { schema: v.object({}), handler: (_data, connection) => void connection.send({ type: 'pong' }) } },
  }),
  outcomeDeep: defineRoute({ kind: 'ws', limits: { maxDepth: 4 }, handler: echo }),
  outcomePayload: defineRoute({ kind: 'ws', limits: { maxPayloadLength: 1024 }, handler: echo }),
  outcomeRate: defineRoute({ kind: 'ws', limits: { rateLimit: { messages: 3, interval: 60_000 } }, handler: echo }),
  outcomeRateError: defineRoute({ kind: 'ws', limits: { rateLimit: { messages: 3, interval: 60_000, policy: 'error' } }, handler: echo }),
  outcomeSlow: defineRoute({
    kind: 'ws',
    limits: { backpressureLimit: 64 * 1024, backpressurePolicy: 'close', rateLimit: false, closeTimeout: 300 },
    handler: { onMessage: flood },
  }),
  outcomeAuth: defineRoute({ kind: 'ws', path: '/outcome-auth/:t', auth: tokenAuth(verify), handler: echo }),
  outcomeAuthClose: defineRoute({
    kind: 'ws',
    path: '/outcome-auth-close/:t',
    auth: tokenAuth(verify),
    authFailure: 'close',
    handler: echo,
  }),
  outcomeOrigin: defineRoute({
    kind: 'ws',
    path: '/outcome-origin/:t',
    limits: { allowedOrigins: ['https://app.example'] },
    handler: echo,
  }),
  outcomeCapped: defineRoute({ kind: 'ws', path: '/outcome-capped/:t', limits: { maxConnections: 1 }, handler: echo }),
}
