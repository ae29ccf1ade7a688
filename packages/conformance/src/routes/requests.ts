import { defineRoute, WsError } from '@wsbridge/core'
import * as v from 'valibot'
import { record } from '../fixture/journal.js'

// Handler runs per `(token, key)`, counted in the host process and read back through replies.
const runs: Map<string, number> = new Map()

/** Routes of the request/response cases (docs/requests.md): every outcome a request can have. */
export const requestsRoutes = {
  reqCalc: defineRoute({
    kind: 'ws',
    requests: {
      add: { input: v.object({ a: v.number(), b: v.number() }), output: v.number(), handler: ({ a, b }) => a + b },
      /** Resolves with `tag` after `ms`; an abort is recorded (`aborted`, with the reason's code) and ends it early. */
      wait: {
        input: v.object({ ms: v.number(), tag: v.string() }),
        output: v.string(),
        handler: ({ ms, tag }, connection, { signal }) =>
          new Promise<string>((resolve) => {
            const timer = setTimeout(() => resolve(tag), ms)
            signal.addEventListener('abort', () => {
              clearTimeout(timer)
              record(connection.query['t'], { type: 'aborted', tag, code: (signal.reason as WsError).code })
              resolve(tag)
            })
          }),
      },
      /** Counts its runs for `key` and replies with the count after `ms`, whatever its signal says: a side effect that must run once. */
      once: {
        input: v.object({ key: v.string(), ms: v.number() }),
        output: v.number(),
        handler: async ({ key, ms }) => {
          const count = (runs.get(key) ?? 0) + 1
          runs.set(key, count)
          await new Promise((resolve) => setTimeout(resolve, ms))
          return count
        },
      },
      deny: { input: v.unknown(), output: v.null(), handler: () => Promise.reject(new WsError('FORBIDDEN', 'Not yours')) },
      crash: {
        input: v.unknown(),
        output: v.null(),
        handler: () => {
          throw new Error('conformance-secret-detail')
        },
      },
      liar: { input: v.unknown(), output: v.number(), handler: () => 'not a number' as unknown as number },
    },
    clientRequests: { confirm: { input: v.object({ q: v.string() }), output: v.object({ ok: v.boolean() }) } },
    handler: {
      /** `'kick'` drops the socket (network loss); any other message asks the client `confirm` and sends back `{ reply }`. */
      onMessage: async (message, connection) => {
        if (message === 'kick') return connection.terminate()
        const timeout = typeof message === 'number' ? message : 2000
        const reply = await connection.request('confirm', { q: String(message) }, { timeout }).catch((error: WsError) => error.code)
        connection.send({ reply })
      },
    },
  }),
  /** Only requests: a plain message has nowhere to go (UNKNOWN_TYPE). */
  reqOnly: defineRoute({
    kind: 'ws',
    requests: { ping: { input: v.literal('ping'), output: v.literal('pong'), handler: () => 'pong' as const } },
  }),
}
