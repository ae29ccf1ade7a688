import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { defineRoute, type WsError } from '../../src/index.js'
import { createTestBridge } from '../../src/testing/index.js'

/** A route whose onMessage asks the client `confirm` with the message as data, sending back what came of it. */
const asking = (validateOutput: boolean, async = false) => ({
  ask: defineRoute({
    kind: 'ws',
    validateOutput,
    clientRequests: {
      confirm: {
        input: async
          ? v.objectAsync({
              question: v.pipeAsync(
                v.string(),
                v.checkAsync(async (q) => q.length > 0),
              ),
            })
          : v.object({ question: v.string() }),
        output: v.object({ ok: v.boolean() }),
      },
    },
    handler: {
      onMessage: async (message, connection) => {
        const outcome = await connection.request('confirm', message as { question: string }).then(
          (reply) => ({ reply }),
          (error: WsError) => ({ code: error.code, issues: error.issues }),
        )
        connection.send(outcome)
      },
    },
  }),
})

describe("the server's connection.request data is checked against the clientRequests input", () => {
  it('rejects invalid data with OUTPUT_VALIDATION_FAILED and its issues, reports it, and sends the client nothing', async () => {
    for (const async of [false, true]) {
      const t = createTestBridge(asking(true, async))
      const client = await t.connect('/ask')
      let asked = 0
      client.answer('confirm', () => {
        asked++
        return { ok: true }
      })
      client.send({ question: 7 })
      expect(await client.next()).toMatchObject({ code: 'OUTPUT_VALIDATION_FAILED', issues: [{ path: ['question'] }] })
      expect(asked).toBe(0)
      expect(t.errors.map((error) => error.code)).toEqual(['OUTPUT_VALIDATION_FAILED'])
      // Valid data goes out and is answered.
      client.send({ question: 'sure?' })
      expect(await client.next()).toEqual({ reply: { ok: true } })
      expect(asked).toBe(1)
    }
  })

  it("the route's validateOutput: false sends the data unchecked", async () => {
    const t = createTestBridge(asking(false))
    const client = await t.connect('/ask')
    const seen: unknown[] = []
    client.answer('confirm', (data) => {
      seen.push(data)
      return { ok: false }
    })
    client.send({ question: 7 })
    expect(await client.next()).toEqual({ reply: { ok: false } })
    expect(seen).toEqual([{ question: 7 }])
  })
})
