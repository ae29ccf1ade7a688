import { defineRoute, tokenAuth, WsError, type WsErrorCode } from '@wsbridge/core'
import * as v from 'valibot'
import { type FuzzRefusal, refuse } from '../fuzz/refusal-spec.js'

export type { FuzzRefusal } from '../fuzz/refusal-spec.js'

/** The route-level payload limit the raw-frame fuzzer crosses (the bridge-wide one stays the default). */
export const FUZZ_MAX_PAYLOAD = 4096

const verify = (token: string): { name: string } | null => {
  if (token === 'boom') throw new Error('verify failed')
  return token === 'good' ? { name: 'alice' } : null
}

/** Typed messages answer `{ ok: <type> }`, so every outcome of a frame is visible on the wire. */
const typedMessages = {
  join: {
    schema: v.object({ roomId: v.pipe(v.string(), v.minLength(1)) }),
    handler: (_d: unknown, c: { send(d: unknown): unknown }) => void c.send({ ok: 'join' }),
  },
  count: {
    schema: v.object({ n: v.pipe(v.number(), v.integer()) }),
    handler: (_d: unknown, c: { send(d: unknown): unknown }) => void c.send({ ok: 'count' }),
  },
}

export const fuzzRoutes = {
  /** Echoes text as `{ echo }` and binary as the same bytes, with a small route-level size limit and no rate limit. */
  fuzzEcho: defineRoute({
    kind: 'ws',
    limits: { maxPayloadLength: FUZZ_MAX_PAYLOAD, rateLimit: false },
    handler: { onMessage: (message, c) => void c.send({ echo: message }), onBinary: (data, c) => void c.send(data) },
  }),
  /** `{ how: 'close', code, reason }` calls connection.close; `{ how: 'throw', code, message }` throws that WsError (policy: close). */
  fuzzCloser: defineRoute({
    kind: 'ws',
    onInvalid: 'close',
    limits: { rateLimit: false },
    handler: {
      onMessage: (message, c) => {
        const m = message as { how: string; code: number | WsErrorCode; reason: string; message: string }
        if (m.how === 'throw') throw new WsError(m.code as WsErrorCode, m.message)
        c.close(m.code as number, m.reason)
      },
    },
  }),
  /** Refuses every upgrade in `authFailure: 'close'` mode, as the `r` query parameter says. */
  fuzzRefuser: defineRoute({
    kind: 'ws',
    authFailure: 'close',
    auth: ({ query }) => refuse(JSON.parse(query['r'] ?? '{"kind":"falsy"}') as FuzzRefusal),
    handler: { onMessage: () => undefined },
  }),
  fuzzTyped: defineRoute({ kind: 'ws', path: '/fuzz/typed', limits: { maxDepth: 8, rateLimit: false }, messages: typedMessages }),
  fuzzTypedStrict: defineRoute({
    kind: 'ws',
    path: '/fuzz/strict',
    onInvalid: 'close',
    limits: { maxDepth: 8, rateLimit: false },
    messages: typedMessages,
  }),
  fuzzRoom: defineRoute({ kind: 'ws', path: '/fuzz/rooms/:roomId/:tab?', handler: { onMessage: () => undefined } }),
  fuzzHeaderAuth: defineRoute({ kind: 'ws', auth: tokenAuth(verify, { from: 'header' }), handler: { onMessage: () => undefined } }),
  fuzzCookieAuth: defineRoute({
    kind: 'ws',
    auth: tokenAuth(verify, { from: 'cookie', cookieName: 'sid' }),
    handler: { onMessage: () => undefined },
  }),
  fuzzOrigin: defineRoute({
    kind: 'ws',
    limits: { allowedOrigins: ['https://app.example', 'https://*.trusted.example'] },
    handler: { onMessage: () => undefined },
  }),
}
