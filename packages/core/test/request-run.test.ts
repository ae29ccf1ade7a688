import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { defineRoute, type WsError } from '../src/index.js'
import { createTestBridge } from '../src/testing/index.js'

/**
 * A request handler's signal is made when the handler first reads it (request-run.ts). These pin
 * what a handler sees when it reads it late, after the abort, and that a handler which never reads
 * it is answered the same way.
 */
function setup() {
  const seen: string[] = []
  let release: () => void = () => undefined
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  const routes = {
    calc: defineRoute({
      kind: 'ws',
      requests: {
        // Reads nothing from its context until the gate opens, after the cancel or close.
        late: {
          input: v.string(),
          output: v.string(),
          handler: async (tag, _connection, context) => {
            await gate
            const { signal } = context
            seen.push(`${tag}:${context.id}:${signal.aborted}:${(signal.reason as WsError | undefined)?.code}`)
            // A listener added to an already-aborted signal never runs (as with any AbortSignal).
            signal.addEventListener('abort', () => seen.push('listener ran'))
            return tag
          },
        },
        // Answers at once and never reads its signal.
        now: { input: v.unknown(), output: v.unknown(), handler: (data) => data },
      },
    }),
  }
  return { t: createTestBridge(routes), seen, release: () => release() }
}

describe('request context: the signal is made on first read', () => {
  it('read after a cancel: aborted, with REQUEST_CANCELLED as its reason; no reply goes out', async () => {
    const { t, seen, release } = setup()
    const client = await t.connect('/calc')
    client.sendText('{"~":"req","id":7,"n":"late","d":"c"}')
    await client.flush()
    client.sendText('{"~":"cancel","id":7}')
    release()
    await client.flush()
    expect(seen).toEqual(['c:7:true:REQUEST_CANCELLED'])
    expect(client.frames).toEqual([])
  })

  it('read after a close: aborted, with CONNECTION_CLOSED as its reason', async () => {
    const { t, seen, release } = setup()
    const client = await t.connect('/calc')
    client.sendText('{"~":"req","id":3,"n":"late","d":"x"}')
    await client.flush()
    client.close()
    release()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(seen).toEqual(['x:3:true:CONNECTION_CLOSED'])
  })

  it('read while running: not aborted; the reply goes out', async () => {
    const { t, seen, release } = setup()
    const client = await t.connect('/calc')
    client.sendText('{"~":"req","id":1,"n":"late","d":"r"}')
    release()
    await client.flush()
    expect(seen).toEqual(['r:1:false:undefined'])
    expect(client.frames).toEqual(['{"~":"res","id":1,"d":"r"}'])
  })

  it('a handler that answers at once is replied to in order, one reply per request', async () => {
    const { t } = setup()
    const client = await t.connect('/calc')
    for (let id = 1; id <= 5; id++) client.sendText(`{"~":"req","id":${id},"n":"now","d":{"n":${id}}}`)
    await client.flush()
    expect(client.frames).toEqual([1, 2, 3, 4, 5].map((id) => `{"~":"res","id":${id},"d":{"n":${id}}}`))
  })
})
