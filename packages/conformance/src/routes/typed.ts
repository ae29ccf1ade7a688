import { defineRoute, type InvalidMessagePolicy } from '@wsbridge/core'
import * as v from 'valibot'
import { record } from '../fixture/journal.js'

const Output = v.variant('type', [
  v.object({ type: v.literal('joined'), roomId: v.string() }),
  v.object({ type: v.literal('said'), text: v.string(), tags: v.array(v.string()) }),
  v.object({ type: v.literal('merged'), polluted: v.boolean(), keys: v.array(v.string()) }),
  v.object({ type: v.literal('count'), n: v.number() }),
])

/** One typed-messages route per invalid-message policy; every error reaches the recorder. */
function typedRoute(path: string, onInvalid: InvalidMessagePolicy) {
  return defineRoute({
    kind: 'ws',
    path,
    onInvalid,
    output: Output,
    // Explicit, so the outcome does not depend on the host's NODE_ENV.
    validateOutput: true,
    messages: {
      join: {
        schema: v.object({ roomId: v.pipe(v.string(), v.minLength(1)) }),
        handler: (data, c) => c.send({ type: 'joined', roomId: data.roomId }),
      },
      say: {
        schema: v.object({ text: v.string(), meta: v.object({ tags: v.array(v.string()) }) }),
        // Async on purpose: per-type handlers are awaited in order like any other handler.
        handler: async (data, c) => {
          await new Promise((resolve) => setTimeout(resolve, 2))
          c.send({ type: 'said', text: data.text, tags: data.meta.tags })
        },
      },
      // Merges the raw message into a fresh object the naive way, then reports on Object.prototype.
      merge: {
        schema: v.looseObject({}),
        handler: (data, c) => {
          const target: Record<string, unknown> = {}
          for (const key in data) target[key] = (data as Record<string, unknown>)[key]
          Object.assign({}, data)
          c.send({ type: 'merged', polluted: 'polluted' in {}, keys: Object.keys(target) })
        },
      },
      // A handler bug: sends a value the output schema refuses, then a valid one.
      buggy: {
        schema: v.object({}),
        handler: (_data, c) => {
          c.send({ type: 'count', n: 'not a number' } as unknown as { type: 'count'; n: number })
          c.send({ type: 'count', n: 1 })
        },
      },
    },
    handler: { onError: (c, error) => record(c.query['t'], { type: 'typed-error', code: error.code }) },
  })
}

export const typedRoutes = {
  typedChat: typedRoute('/typed/chat', 'error'),
  typedStrict: typedRoute('/typed/strict', 'close'),
  typedDrop: typedRoute('/typed/drop', 'drop'),
  /** One `onMessage` with a route-level `input` schema. */
  typedInput: defineRoute({
    kind: 'ws',
    path: '/typed/input',
    input: v.object({ text: v.string(), items: v.array(v.object({ qty: v.number() })) }),
    handler: { onMessage: (message, c) => c.send({ total: message.items.reduce((sum, item) => sum + item.qty, 0), text: message.text }) },
  }),
}
