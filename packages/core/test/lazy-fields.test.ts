import { describe, expect, it } from 'vitest'
import { defineRoute } from '../src/index.js'
import { createTestBridge } from '../src/testing/index.js'

// params, query, context, url and id are created on first read (idle memory per connection);
// these check that reading them behaves exactly as stored values did.
const plain = defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } })
const room = defineRoute({ kind: 'ws', path: '/rooms/:roomId', handler: { onMessage: () => undefined } })
const hooked = defineRoute({
  kind: 'ws',
  context: () => undefined as unknown as Record<string, unknown>,
  handler: { onMessage: () => undefined },
})

describe('lazily created connection fields', () => {
  it('params, query and context are empty objects, the same object on every read, and context is assignable', async () => {
    const t = createTestBridge({ plain, room })
    const { connection } = await t.connect('/plain')
    expect(connection.params).toEqual({})
    expect(connection.params).toBe(connection.params)
    expect(connection.query).toBe(connection.query)
    const context = connection.context as Record<string, unknown>
    context['seen'] = 1
    expect(connection.context).toBe(context)
    expect(connection.context).toEqual({ seen: 1 })
    connection.context = undefined as unknown as Record<string, unknown>
    expect(connection.context).toBeUndefined()
    const other = (await t.connect('/plain')).connection
    expect(other.context).not.toBe(context)
    expect(other.params).not.toBe(connection.params)
  })

  it('keeps non-empty params and query, a hook context even when undefined, and a stable id and url', async () => {
    const t = createTestBridge({ room, hooked })
    const { connection } = await t.connect('/rooms/a1?x=1&x=2')
    expect(connection.params).toEqual({ roomId: 'a1' })
    expect(connection.query).toEqual({ x: '1' })
    expect(connection.url.searchParams.getAll('x')).toEqual(['1', '2'])
    expect(connection.url).toBe(connection.url)
    expect(connection.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(connection.id).toBe(connection.id)
    expect(String(connection)).toBe(connection.id)
    expect((await t.connect('/hooked')).connection.context).toBeUndefined()
  })
})
