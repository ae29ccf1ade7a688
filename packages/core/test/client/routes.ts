import * as v from 'valibot'
import { defineRoute } from '../../src/index.js'

/** What each test connection did on the server, keyed by the `t` query token. */
export const serverLog = new Map<string, unknown[]>()
const log = (token: string | undefined, entry: unknown): void => {
  if (token === undefined) return
  const entries = serverLog.get(token) ?? []
  entries.push(entry)
  serverLog.set(token, entries)
}

export const clientTestRoutes = {
  echo: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => log(connection.query['t'], 'open'),
      onMessage: (message, connection) => {
        log(connection.query['t'], message)
        connection.send({ echo: message })
      },
      onClose: (connection, code, reason) => log(connection.query['t'], { close: code, reason }),
    },
  }),
  room: defineRoute({
    kind: 'ws',
    path: '/rooms/:roomId/:tab?',
    output: v.variant('type', [
      v.object({ type: v.literal('hello'), roomId: v.string(), tab: v.optional(v.string()), query: v.record(v.string(), v.string()) }),
      v.object({ type: v.literal('said'), text: v.string() }),
    ]),
    messages: {
      say: {
        schema: v.object({ type: v.literal('say'), text: v.string() }),
        handler: (data, connection) => void connection.send({ type: 'said', text: data.text }),
      },
    },
    handler: {
      onOpen: (connection) => {
        const { roomId, tab } = connection.params
        connection.send(
          tab === undefined
            ? { type: 'hello', roomId, query: { ...connection.query } }
            : { type: 'hello', roomId, tab, query: { ...connection.query } },
        )
      },
    },
  }),
  /** Accepts, then closes 4401 unless `?token=good`: the "accept then close" auth style browsers can read. */
  guarded: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => {
        log(connection.query['t'], 'open')
        if (connection.query['token'] !== 'good') connection.close(4401, 'token expired')
      },
      onMessage: (message, connection) => connection.send({ echo: message }),
    },
  }),
  /** `{ kick: true }` drops this socket without a close frame (the network died). */
  kick: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => log(connection.query['t'], 'open'),
      onMessage: (message, connection) => {
        if ((message as { kick?: boolean }).kick) connection.terminate()
        else {
          log(connection.query['t'], message)
          connection.send({ echo: message })
        }
      },
    },
  }),
  strict: defineRoute({
    kind: 'ws',
    input: v.object({ n: v.number() }),
    handler: { onMessage: (message, connection) => void connection.send({ n: message.n }) },
  }),
}
