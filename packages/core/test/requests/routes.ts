import * as v from 'valibot'
import { defineRoute, WsError } from '../../src/index.js'

/** Shared by the request tests: every behaviour of request/response has an entry here. */
export interface Probe {
  started: number
  aborted: string[]
}

export function requestRoutes(probe: Probe = { started: 0, aborted: [] }) {
  const calc = defineRoute({
    kind: 'ws',
    requests: {
      add: {
        input: v.object({ a: v.number(), b: v.number() }),
        output: v.object({ sum: v.number() }),
        handler: ({ a, b }) => ({ sum: a + b }),
      },
      slow: {
        input: v.object({ ms: v.number(), tag: v.string() }),
        output: v.string(),
        handler: async ({ ms, tag }, _connection, { signal }) => {
          probe.started++
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, ms)
            signal.addEventListener('abort', () => {
              clearTimeout(timer)
              probe.aborted.push(`${tag}:${(signal.reason as WsError).code}`)
              resolve()
            })
          })
          return tag
        },
      },
      forbidden: { input: v.unknown(), output: v.null(), handler: () => Promise.reject(new WsError('FORBIDDEN', 'Not yours')) },
      crash: {
        input: v.unknown(),
        output: v.null(),
        handler: () => {
          throw new Error('database password is hunter2')
        },
      },
      // The handler breaks its own contract: the reply fails `output`.
      liar: { input: v.unknown(), output: v.number(), handler: () => 'not a number' as unknown as number },
      count: {
        input: v.string(),
        output: v.number(),
        handler: () => ++probe.started,
      },
    },
    clientRequests: {
      confirm: { input: v.object({ question: v.string() }), output: v.object({ ok: v.boolean() }) },
    },
    handler: {
      onMessage: async (message, connection) => {
        if (message === 'ask')
          connection.send({ answer: await connection.request('confirm', { question: 'sure?' }).catch((e: WsError) => e.code) })
        if (message === 'ask-fast')
          connection.send({
            answer: await connection.request('confirm', { question: 'now?' }, { timeout: 20 }).catch((e: WsError) => e.code),
          })
      },
    },
  })
  const only = defineRoute({
    kind: 'ws',
    requests: { ping: { input: v.literal('ping'), output: v.literal('pong'), handler: () => 'pong' as const } },
  })
  return { calc, only }
}
