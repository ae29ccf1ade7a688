import { describe, expect, it } from 'vitest'
import { defineRoute } from '../src/index.js'
import { createTestBridge, UpgradeRejectedError } from '../src/testing/index.js'

const echo = defineRoute({ kind: 'ws', handler: { onMessage: (message, connection) => connection.send({ echo: message }) } })
const guarded = defineRoute({
  kind: 'ws',
  auth: ({ query }) =>
    query['token'] === 'good' ? { id: 'u1' } : query['token'] === 'banned' ? { success: false as const, code: 403 } : null,
  handler: { onMessage: (_message, connection) => connection.send({ user: connection.user.id }) },
})

describe('createTestBridge', () => {
  it('connects through the real bridge and records what the server sends', async () => {
    const t = createTestBridge({ echo }, { prefix: '/api' })
    const client = await t.connect('/api/echo?x=1', { headers: { 'X-Test': 'yes' } })
    expect(client.connection.query).toEqual({ x: '1' })
    expect(client.connection.headers['x-test']).toBe('yes')
    client.send({ text: 'hi' })
    expect(await client.next()).toEqual({ echo: { text: 'hi' } })
    expect(client.sent).toEqual([{ echo: { text: 'hi' } }])
    expect(client.frames).toEqual(['{"echo":{"text":"hi"}}'])
  })

  it('returns the HTTP status of refused upgrades', async () => {
    const t = createTestBridge({ echo, guarded })
    expect(await t.upgrade('/nope')).toMatchObject({ ok: false, status: 404, code: 'ROUTE_NOT_FOUND' })
    expect(await t.upgrade('/guarded')).toMatchObject({ ok: false, status: 401, code: 'UNAUTHORIZED' })
    expect(await t.upgrade('/guarded?token=banned')).toMatchObject({ ok: false, status: 403, code: 'FORBIDDEN' })
    await expect(t.connect('/guarded?token=bad')).rejects.toBeInstanceOf(UpgradeRejectedError)
    await expect(t.connect('/guarded?token=bad')).rejects.toMatchObject({ status: 401 })
    const client = await t.connect('/guarded?token=good')
    client.send('anything')
    expect(await client.next()).toEqual({ user: 'u1' })
    expect(t.bridge.connections.size).toBe(1)
  })

  it('unwraps a `{ success: true, data }` auth result into connection.user, as typed', async () => {
    const vite = defineRoute({
      kind: 'ws',
      auth: ({ query }) =>
        query['token'] ? { success: true, data: { name: query['token'] } } : { success: false, code: 4001, reason: 'No token provided' },
      handler: { onMessage: (_m, c) => void c.send({ name: c.user.name }) },
    })
    const t = createTestBridge({ vite })
    expect(await t.upgrade('/vite')).toMatchObject({ ok: false, status: 401, message: 'No token provided' })
    const client = await t.connect('/vite?token=ada')
    client.send(null)
    expect(await client.next()).toEqual({ name: 'ada' })
  })

  it("auth in 'close' mode accepts the upgrade, then closes with 4401 and a readable reason", async () => {
    let opened = false
    const closing = defineRoute({
      kind: 'ws',
      authFailure: 'close',
      auth: ({ query }) => (query['token'] ? { id: query['token'] } : null),
      handler: { onOpen: () => void (opened = true), onMessage: () => undefined },
    })
    const t = createTestBridge({ closing })
    const client = await t.connect('/closing')
    expect(await client.waitForClose()).toMatchObject({ code: 4401, by: 'server' })
    expect(() => client.connection).toThrow(/closed this upgrade at once/)
    expect(opened).toBe(false)
    expect(t.bridge.connections.size).toBe(0)
  })

  it('passes offered subprotocols and echoes the first', async () => {
    const t = createTestBridge({ echo })
    const client = await t.connect('/echo', { protocols: ['v2.chat', 'v1.chat'] })
    expect(client.protocol).toBe('v2.chat')
  })

  it('sends binary as binary and reports client closes to onClose', async () => {
    const closes: [number, string][] = []
    const bytes = defineRoute({
      kind: 'ws',
      handler: {
        onMessage: () => undefined,
        onBinary: (data, connection) => connection.send(data.slice().reverse()),
        onClose: (_connection, code, reason) => void closes.push([code, reason]),
      },
    })
    const t = createTestBridge({ bytes })
    const client = await t.connect('/bytes')
    client.sendBinary(new Uint8Array([1, 2, 3]))
    expect(await client.next()).toEqual(new Uint8Array([3, 2, 1]))
    client.close(4000, 'bye')
    await client.flush()
    expect(closes).toEqual([[4000, 'bye']])
    expect(client.closed).toEqual({ code: 4000, reason: 'bye', by: 'client' })
    expect(() => client.send({})).toThrow(/closed/)
  })

  it('next() times out when nothing arrives and rejects once closed', async () => {
    const t = createTestBridge({ echo })
    const client = await t.connect('/echo')
    await expect(client.next(20)).rejects.toThrow(/no message within 20 ms/)
    client.close()
    await expect(client.next()).rejects.toThrow(/closed/)
  })

  it('records publishes per topic and collects errors instead of logging them', async () => {
    const room = defineRoute({
      kind: 'ws',
      path: '/rooms/:roomId',
      handler: {
        onOpen: (c) => c.subscribe(`room:${c.params.roomId}`),
        onMessage: (message, c) => void c.publish(`room:${c.params.roomId}`, { from: c.id, message }),
      },
    })
    const t = createTestBridge({ room })
    const alice = await t.connect('/rooms/r1')
    const bob = await t.connect('/rooms/r1')
    alice.send('hello')
    expect(await bob.next()).toEqual({ from: alice.connection.id, message: 'hello' })
    t.bridge.publish('room:r1', 'from outside')
    expect(t.published('room:r1')).toEqual([{ from: alice.connection.id, message: 'hello' }, 'from outside'])
    expect(t.published('room:r2')).toEqual([])
    expect(alice.sent).toEqual(['from outside'])
    alice.sendText('{oops')
    await alice.flush()
    expect(t.errors.map((e) => e.code)).toEqual(['INVALID_JSON'])
  })

  it('close() shuts every client with 1001', async () => {
    const t = createTestBridge({ echo })
    const a = await t.connect('/echo')
    const b = await t.connect('/echo')
    await t.close()
    expect(a.closed).toMatchObject({ code: 1001, by: 'server' })
    expect(b.closed).toMatchObject({ code: 1001, by: 'server' })
    expect(t.bridge.connections.size).toBe(0)
  })
})
