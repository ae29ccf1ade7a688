import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createRoute } from '../src/index.js'
import { createTestBridge } from '../src/testing/index.js'

describe('createRoute builder', () => {
  it('compiles to a plain route definition with a messages map', () => {
    const schema = v.object({ roomId: v.string() })
    const join = () => undefined
    const route = createRoute('/rooms/:id')
      .options({ onInvalid: 'close', limits: { maxDepth: 8 } })
      .on('join', schema, join)
      .build()
    expect(route).toMatchObject({ kind: 'ws', path: '/rooms/:id', onInvalid: 'close', limits: { maxDepth: 8 }, handler: {} })
    expect({ ...route.messages }).toEqual({ join: { schema, handler: join } })
  })

  it('returns a new builder on every call, so partial chains are reusable templates', () => {
    const base = createRoute('/x').output(v.object({ ok: v.boolean() }))
    const a = base.on('a', v.object({}), () => undefined).build()
    const b = base.on('b', v.object({}), () => undefined).build()
    expect(Object.keys(a.messages ?? {})).toEqual(['a'])
    expect(Object.keys(b.messages ?? {})).toEqual(['b'])
  })

  it('refuses duplicate types and a route with no handler, clearly', () => {
    const one = createRoute('/dup').on('join', v.object({}), () => undefined)
    expect(() => one.on('join', v.object({}), () => undefined)).toThrow('[wsbridge] route "/dup" already handles type "join"')
    const empty = createRoute('/empty') as unknown as { build(): unknown }
    expect(() => empty.build()).toThrow(
      '[wsbridge] route "/empty" needs a handler (.on(type, schema, handler), .request, .onOpen, .onBinary, …)',
    )
  })

  it('dispatches, validates and runs lifecycle hooks like defineRoute', async () => {
    const log: string[] = []
    const route = createRoute('/game/:gameId')
      .output(v.object({ moved: v.number() }))
      .auth(({ query }) => (query['player'] ? { player: query['player'] } : null))
      .context(({ user, params }) => ({ key: `${params.gameId}:${user.player}` }))
      .onOpen((c) => void log.push(`open ${c.context.key}`))
      .on('move', v.object({ x: v.number() }), (data, c) => void c.send({ moved: data.x }))
      .onClose((c, code) => void log.push(`close ${c.user.player} ${code}`))
      .build()
    const t = createTestBridge({ route })
    expect(await t.upgrade('/game/g1')).toMatchObject({ ok: false, status: 401 })
    const client = await t.connect('/game/g1?player=p1')
    client.send({ type: 'move', x: 3 })
    expect(await client.next()).toEqual({ moved: 3 })
    client.send({ type: 'move', x: 'left' })
    expect(await client.next()).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED', issues: [{ path: ['x'] }] })
    client.close(1000)
    await client.flush()
    expect(log).toEqual(['open g1:p1', 'close p1 1000'])
  })
})
