import { defineRoute, type InvalidMessagePolicy, type Routes } from '@wsbridge/core'
import { record } from '../fixture/journal.js'
import { typedLibraries, type TypedSchemas } from './typed-schemas.js'

/** One typed-messages route per invalid-message policy; every error reaches the recorder. */
function typedRoute(schemas: TypedSchemas, path: string, onInvalid: InvalidMessagePolicy) {
  return defineRoute({
    kind: 'ws',
    path,
    onInvalid,
    output: schemas.output,
    // Explicit, so the outcome does not depend on the host's NODE_ENV.
    validateOutput: true,
    messages: {
      join: {
        schema: schemas.join,
        handler: (data, c) => c.send({ type: 'joined', roomId: data.roomId }),
      },
      say: {
        schema: schemas.say,
        // Async on purpose: per-type handlers are awaited in order like any other handler.
        handler: async (data, c) => {
          await new Promise((resolve) => setTimeout(resolve, 2))
          c.send({ type: 'said', text: data.text, tags: data.meta.tags })
        },
      },
      // Merges the raw message into a fresh object the naive way, then reports on Object.prototype.
      merge: {
        schema: schemas.merge,
        handler: (data, c) => {
          const target: Record<string, unknown> = {}
          for (const key in data) target[key] = (data as Record<string, unknown>)[key]
          Object.assign({}, data)
          c.send({ type: 'merged', polluted: 'polluted' in {}, keys: Object.keys(target) })
        },
      },
      // A handler bug: sends a value the output schema refuses, then a valid one.
      buggy: {
        schema: schemas.buggy,
        handler: (_data, c) => {
          c.send({ type: 'count', n: 'not a number' } as unknown as { type: 'count'; n: number })
          c.send({ type: 'count', n: 1 })
        },
      },
    },
    handler: { onError: (c, error) => record(c.query['t'], { type: 'typed-error', code: error.code }) },
  })
}

/** One `onMessage` with a route-level `input` schema. */
function inputRoute(schemas: TypedSchemas, path: string) {
  return defineRoute({
    kind: 'ws',
    path,
    input: schemas.input,
    handler: { onMessage: (message, c) => c.send({ total: message.items.reduce((sum, item) => sum + item.qty, 0), text: message.text }) },
  })
}

/** The typed routes once per validator library: `typedChat`, `typedZodChat`, `typedArktypeChat`, ... */
export const typedRoutes: Routes = Object.fromEntries(
  typedLibraries.flatMap(({ base, key, schemas }) => [
    [`${key}Chat`, typedRoute(schemas, `${base}/chat`, 'error')],
    [`${key}Strict`, typedRoute(schemas, `${base}/strict`, 'close')],
    [`${key}Drop`, typedRoute(schemas, `${base}/drop`, 'drop')],
    [`${key}Input`, inputRoute(schemas, `${base}/input`)],
  ]),
)
