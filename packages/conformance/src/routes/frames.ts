import { defineRoute } from '@wsbridge/core'
import { record } from '../fixture/journal.js'

/** What the `kinds` route sends for each requested kind. */
export const sampleValues = {
  object: { a: 1, nested: { b: [1, 2], c: null } },
  array: [1, 'two', { three: 3 }],
  string: 'hello "quoted" ünïcödé',
  number: 42.5,
  boolean: false,
  null: null,
} as const

export type SampleKind = keyof typeof sampleValues

export const framesRoutes = {
  kinds: defineRoute({
    kind: 'ws',
    handler: { onMessage: (message, connection) => connection.send(sampleValues[(message as { kind: SampleKind }).kind]) },
  }),
  /** Binary in: reports what the handler received, then sends the bytes back reversed as a Uint8Array, an ArrayBuffer and a subarray view. */
  bytes: defineRoute({
    kind: 'ws',
    handler: {
      onBinary: (data, connection) => {
        connection.send({ type: 'binary', isUint8Array: data instanceof Uint8Array, length: data.byteLength })
        const reversed = Uint8Array.from(data).reverse()
        connection.send(reversed)
        connection.send(reversed.slice().buffer) // an ArrayBuffer goes out as binary too
        connection.send(reversed.subarray(2, 5)) // a view: only its own bytes, not the whole buffer
      },
      onMessage: (message, connection) => connection.send({ echo: message }),
    },
  }),
  /** Closes on the first message, then tries to send: both sends must report 'closed', never throw. */
  afterClose: defineRoute({
    kind: 'ws',
    handler: {
      onMessage: (_message, connection) => {
        connection.close(1000, 'done')
        record(connection.query['t'], { type: 'send-after-close', result: connection.send({ late: true }) })
      },
      onClose: (connection) => {
        record(connection.query['t'], { type: 'send-in-onClose', result: connection.send({ later: true }) })
      },
    },
  }),
}
