import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
import { defineRoute } from '../src/index.js'
import { createTestBridge } from '../src/testing/index.js'

describe('output validation', () => {
  const previous = process.env['NODE_ENV']
  afterEach(() => {
    if (previous === undefined) delete process.env['NODE_ENV']
    else process.env['NODE_ENV'] = previous
  })

  function route(options: { validateOutput?: boolean } = {}) {
    return defineRoute({
      kind: 'ws',
      ...options,
      output: v.object({ n: v.number() }),
      handler: {
        // The cast is the handler bug under test: the types forbid it, runtime data can still be wrong.
        onMessage: (m, c) =>
          void c.send({ results: [c.send(m as { n: number }), c.publish('t', m as { n: number }, { includeSelf: true })] } as unknown as {
            n: number
          }),
        onOpen: (c) => c.subscribe('t'),
      },
    })
  }

  it('is on by default: invalid values are not sent, valid ones are, onError gets OUTPUT_VALIDATION_FAILED', async () => {
    delete process.env['NODE_ENV']
    const t = createTestBridge({ r: route() })
    const client = await t.connect('/r')
    client.send({ n: 'not a number' })
    await client.flush()
    expect(client.sent).toEqual([])
    expect(t.errors.map((e) => e.code)).toEqual(['OUTPUT_VALIDATION_FAILED', 'OUTPUT_VALIDATION_FAILED', 'OUTPUT_VALIDATION_FAILED'])
    expect(t.errors[0]?.issues?.[0]?.path).toEqual(['n'])
    client.send({ n: 1 })
    await client.flush()
    expect(client.sent).toEqual([{ n: 1 }, { n: 1 }])
  })

  it('is off by default when NODE_ENV is production, and configurable per bridge and per route', async () => {
    process.env['NODE_ENV'] = 'production'
    const prod = await createTestBridge({ r: route() }).connect('/r')
    prod.send({ n: 'x' })
    await prod.flush()
    expect(prod.sent).toEqual([{ n: 'x' }, { n: 'x' }, { results: ['sent', 1] }])
    const forcedOn = await createTestBridge({ r: route({ validateOutput: true }) }).connect('/r')
    forcedOn.send({ n: 'x' })
    await forcedOn.flush()
    expect(forcedOn.sent).toEqual([])
    delete process.env['NODE_ENV']
    const bridgeOff = await createTestBridge({ r: route() }, { validateOutput: false }).connect('/r')
    bridgeOff.send({ n: 'x' })
    await bridgeOff.flush()
    expect(bridgeOff.sent).toHaveLength(3)
    const routeOff = await createTestBridge({ r: route({ validateOutput: false }) }, { validateOutput: true }).connect('/r')
    routeOff.send({ n: 'x' })
    await routeOff.flush()
    expect(routeOff.sent).toHaveLength(3)
  })

  it("send returns 'dropped' for an invalid value and never checks bytes", async () => {
    const results: unknown[] = []
    const r = defineRoute({
      kind: 'ws',
      validateOutput: true,
      output: v.object({ n: v.number() }),
      handler: { onMessage: (_m, c) => void results.push(c.send({ n: 'x' } as unknown as { n: number }), c.send(new Uint8Array([9]))) },
    })
    const client = await createTestBridge({ r }).connect('/r')
    client.send(0)
    await client.flush()
    expect(results).toEqual(['dropped', 'sent'])
    expect(client.sent).toEqual([new Uint8Array([9])])
  })

  it('reports async output schema failures once they settle (the value was already sent)', async () => {
    const r = defineRoute({
      kind: 'ws',
      validateOutput: true,
      output: v.pipeAsync(
        v.object({ n: v.number() }),
        v.checkAsync(async (o) => o.n > 0, 'n must be positive'),
      ),
      handler: { onMessage: (m, c) => void c.send(m as { n: number }) },
    })
    const t = createTestBridge({ r })
    const client = await t.connect('/r')
    client.send({ n: -1 })
    await client.flush()
    expect(client.sent).toEqual([{ n: -1 }])
    expect(t.errors.map((e) => [e.code, e.issues?.[0]?.message])).toEqual([['OUTPUT_VALIDATION_FAILED', 'n must be positive']])
  })
})
