import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
import { defineRoute } from '../src/index.js'
import { createTestBridge } from '../src/testing/index.js'

// A deliberately naive deep merge, the kind of code that turns a parsed `__proto__` key into
// prototype pollution. Handlers that do this with wsbridge messages must still be safe.
function naiveMerge(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  for (const key in source) {
    const value = source[key]
    if (typeof value === 'object' && value !== null) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {}
      naiveMerge(target[key] as Record<string, unknown>, value as Record<string, unknown>)
    } else target[key] = value
  }
  return target
}

const payloads = [
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"a":{"__proto__":{"polluted":1}}}',
  '{"\\u005f_proto__":{"polluted":1}}',
  '{"\\u0063onstructor":{"prototype":{"polluted":1}}}',
  '[{"__proto__":{"polluted":1}}]',
]

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>)['polluted']
})

describe('prototype pollution', () => {
  it.each(payloads)('%s cannot pollute after parse + validate + spread + merge', async (payload) => {
    const seen: unknown[] = []
    const loose = defineRoute({
      kind: 'ws',
      input: v.unknown(),
      handler: {
        onMessage(message) {
          seen.push(message)
          const target = { ...(message as Record<string, unknown>) }
          Object.assign({}, message)
          naiveMerge({}, message as Record<string, unknown>)
          naiveMerge({}, target)
        },
      },
    })
    const client = await createTestBridge({ loose }).connect('/loose')
    client.sendText(payload)
    await client.flush()
    expect(seen).toHaveLength(1)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(JSON.stringify(seen[0])).not.toMatch(/__proto__|constructor/)
  })

  it('a looseObject schema does not bring the keys back', async () => {
    const seen: unknown[] = []
    const route = defineRoute({ kind: 'ws', input: v.looseObject({ name: v.string() }), handler: { onMessage: (m) => void seen.push(m) } })
    const client = await createTestBridge({ route }).connect('/route')
    client.sendText('{"name":"x","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}')
    await client.flush()
    expect(seen).toEqual([{ name: 'x' }])
    expect(Object.getPrototypeOf(seen[0])).toBe(Object.prototype)
  })
})

describe('nesting depth is bounded before parsing', () => {
  it('rejects a deeply nested message with TOO_DEEP and stays open', async () => {
    const route = defineRoute({ kind: 'ws', limits: { maxDepth: 16 }, handler: { onMessage: (m, c) => void c.send({ ok: m }) } })
    const t = createTestBridge({ route })
    const client = await t.connect('/route')
    client.sendText('['.repeat(17) + ']'.repeat(17))
    expect(await client.next()).toMatchObject({ type: 'error', code: 'TOO_DEEP' })
    client.sendText('['.repeat(16) + ']'.repeat(16))
    expect(await client.next()).toHaveProperty('ok')
    expect(client.closed).toBeUndefined()
  })

  it('ignores brackets inside strings when counting depth', async () => {
    const route = defineRoute({ kind: 'ws', limits: { maxDepth: 2 }, handler: { onMessage: (m, c) => void c.send(m) } })
    const client = await createTestBridge({ route }).connect('/route')
    client.send({ text: '[[[[{{{{ \\" [[[[' })
    expect(await client.next()).toEqual({ text: '[[[[{{{{ \\" [[[[' })
  })

  it('rejects a 1 MiB bracket bomb quickly under the default limits', async () => {
    const route = defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } })
    const t = createTestBridge({ route })
    const client = await t.connect('/route')
    const started = performance.now()
    client.sendText('['.repeat(512 * 1024) + ']'.repeat(512 * 1024))
    expect(await client.next()).toMatchObject({ code: 'TOO_DEEP' })
    expect(performance.now() - started).toBeLessThan(500)
  })
})

describe('message size is bounded by the route limits', () => {
  it('closes with 1009 above maxPayloadLength, counting UTF-8 bytes', async () => {
    const route = defineRoute({ kind: 'ws', limits: { maxPayloadLength: 64 }, handler: { onMessage: (m, c) => void c.send(m) } })
    const t = createTestBridge({ route })
    const ok = await t.connect('/route')
    ok.send('x'.repeat(60))
    expect(await ok.next()).toBe('x'.repeat(60))
    // 30 three-byte characters: 32 UTF-16 units with the quotes, but 92 bytes on the wire.
    const big = await t.connect('/route')
    big.send('€'.repeat(30))
    expect(await big.waitForClose()).toMatchObject({ code: 1009 })
    expect(big.sent).toEqual([])
    expect(t.errors.map((e) => e.code)).toEqual(['PAYLOAD_TOO_LARGE'])
  })

  it('route limits override bridge limits', async () => {
    const small = defineRoute({ kind: 'ws', limits: { maxPayloadLength: 10 }, handler: { onMessage: () => undefined } })
    const large = defineRoute({ kind: 'ws', handler: { onMessage: (m, c) => void c.send(m) } })
    const t = createTestBridge({ small, large }, { maxPayloadLength: 100 })
    const a = await t.connect('/small')
    a.send('x'.repeat(20))
    expect(await a.waitForClose()).toMatchObject({ code: 1009 })
    const b = await t.connect('/large')
    b.send('x'.repeat(20))
    expect(await b.next()).toBe('x'.repeat(20))
    b.send('x'.repeat(120))
    expect(await b.waitForClose()).toMatchObject({ code: 1009 })
  })
})
