import * as v from 'valibot'
import { chunks, defineRoute, WsError } from '../../src/index.js'

/** What the stream handlers saw, for tests to observe cancellation on the server side. */
export interface StreamProbe {
  pulled: number
  finished: string[]
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A route whose requests answer with streams: counting, failing mid-stream, endless, and one yielding a bad chunk. */
export function streamRoutes(probe: StreamProbe, validateOutput = true) {
  return {
    ticks: defineRoute({
      kind: 'ws',
      validateOutput,
      requests: {
        count: {
          input: v.object({ to: v.number() }),
          output: chunks(v.object({ n: v.number() })),
          handler: async function* ({ to }) {
            for (let n = 1; n <= to; n++) yield { n }
          },
        },
        failAt: {
          input: v.number(),
          output: chunks(v.number()),
          handler: async function* (at) {
            for (let n = 1; ; n++) {
              if (n === at) throw new WsError('FORBIDDEN', `stopped at ${n}`)
              yield n
            }
          },
        },
        endless: {
          input: v.object({ ms: v.number() }),
          output: chunks(v.number()),
          handler: async function* ({ ms }, _connection, { signal }) {
            try {
              for (let n = 1; !signal.aborted; n++) {
                probe.pulled = n
                yield n
                if (ms > 0) await sleep(ms)
              }
            } finally {
              probe.finished.push(signal.aborted ? `aborted:${(signal.reason as WsError).code}` : 'returned')
            }
          },
        },
        badChunk: {
          input: v.null(),
          output: chunks(v.string()),
          // The third chunk breaks the schema: a handler bug the check catches (cast as a JS caller could).
          handler: async function* () {
            yield 'a'
            yield 'b'
            yield 3 as unknown as string
            yield 'never'
          },
        },
        plain: { input: v.null(), output: v.literal('ok'), handler: () => 'ok' as const },
      },
    }),
  }
}
