import { chunks, defineRoute, WsError } from '@wsbridge/core'
import * as v from 'valibot'
import { record } from '../fixture/journal.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Routes of the streaming-reply cases (docs/requests.md#streaming-replies). */
export const streamsRoutes = {
  reqStream: defineRoute({
    kind: 'ws',
    requests: {
      /** Yields `{ n }` for 1..to, then ends. */
      count: {
        input: v.object({ to: v.number() }),
        output: chunks(v.object({ n: v.number() })),
        handler: async function* ({ to }) {
          for (let n = 1; n <= to; n++) yield { n }
        },
      },
      /** Yields 1, 2, … and throws FORBIDDEN when it reaches `at`. */
      failAt: {
        input: v.number(),
        output: chunks(v.number()),
        handler: async function* (at) {
          for (let n = 1; n < at; n++) yield n
          throw new WsError('FORBIDDEN', `stopped at ${at}`)
        },
      },
      /** Yields forever every `ms`; its `finally` records how it ended (`streamEnded`, with the signal's code) for `?t=`. */
      endless: {
        input: v.object({ ms: v.number() }),
        output: chunks(v.number()),
        handler: async function* ({ ms }, connection, { signal }) {
          try {
            for (let n = 1; !signal.aborted; n++) {
              record(connection.query['t'], { type: 'streamPulled', n })
              yield n
              await sleep(ms)
            }
          } finally {
            const reason = signal.reason as WsError | undefined
            record(connection.query['t'], { type: 'streamEnded', code: reason?.code ?? 'returned' })
          }
        },
      },
      /** Its third chunk breaks the chunk schema (a handler bug the output check catches). */
      badChunk: {
        input: v.null(),
        output: chunks(v.string()),
        handler: async function* () {
          yield 'a'
          yield 'b'
          yield 3 as unknown as string
        },
      },
    },
  }),
}
