import { describe, expect, it } from 'vitest'
import { defineRoute, ReadyState, type Connection } from '../src/index.js'
import { createTestBridge } from '../src/testing/index.js'

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('connection lifecycle', () => {
  it('runs an async onOpen to completion before the first onMessage', async () => {
    const log: string[] = []
    const route = defineRoute({
      kind: 'ws',
      handler: {
        onOpen: async () => {
          log.push('open:start')
          await tick(10)
          log.push('open:end')
        },
        onMessage: (m) => void log.push(`message:${String(m)}`),
      },
    })
    const client = await createTestBridge({ route }).connect('/route')
    client.send('a')
    client.send('b')
    await tick(30)
    expect(log).toEqual(['open:start', 'open:end', 'message:a', 'message:b'])
  })

  it('awaits async handlers one message at a time, in arrival order', async () => {
    const log: string[] = []
    const route = defineRoute({
      kind: 'ws',
      handler: {
        onMessage: async (m) => {
          const { n, wait } = m as { n: number; wait: number }
          log.push(`start ${n}`)
          await tick(wait)
          log.push(`end ${n}`)
        },
      },
    })
    const client = await createTestBridge({ route }).connect('/route')
    client.send({ n: 1, wait: 15 })
    client.send({ n: 2, wait: 0 })
    client.send({ n: 3, wait: 5 })
    await tick(50)
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3'])
  })

  it('runs onClose exactly once, after a handler still running, with the real code', async () => {
    const log: string[] = []
    const route = defineRoute({
      kind: 'ws',
      handler: {
        onMessage: async () => {
          await tick(10)
          log.push('message done')
        },
        onClose: (_c, code, reason) => void log.push(`close ${code} ${reason}`),
      },
    })
    const client = await createTestBridge({ route }).connect('/route')
    client.send('x')
    client.close(4001, 'bye')
    client.close(4002, 'again')
    client.connection.close(1000)
    await tick(30)
    expect(log).toEqual(['message done', 'close 4001 bye'])
  })

  it('reports the server close code to onClose, and terminate as 1006', async () => {
    const codes: number[] = []
    const route = defineRoute({
      kind: 'ws',
      handler: {
        onMessage: (m, c) => (m === 'terminate' ? c.terminate() : c.close(4000, 'done')),
        onClose: (_c, code) => void codes.push(code),
      },
    })
    const t = createTestBridge({ route })
    const a = await t.connect('/route')
    a.send('close')
    expect(await a.waitForClose()).toEqual({ code: 4000, reason: 'done', by: 'server' })
    const b = await t.connect('/route')
    b.send('terminate')
    expect(await b.waitForClose()).toMatchObject({ code: 1006 })
    await a.flush()
    expect(codes).toEqual([4000, 1006])
  })

  it("send after close returns 'closed' and publishes nothing", async () => {
    let kept: Connection | undefined
    const route = defineRoute({ kind: 'ws', handler: { onOpen: (c) => void (kept = c), onMessage: () => undefined } })
    const t = createTestBridge({ route })
    const client = await t.connect('/route')
    expect(kept?.readyState).toBe(ReadyState.OPEN)
    expect(kept?.send('hello')).toBe('sent')
    client.close()
    await client.flush()
    expect(kept?.readyState).toBe(ReadyState.CLOSED)
    expect(kept?.send('late')).toBe('closed')
    expect(client.sent).toEqual(['hello'])
    expect(t.bridge.connections.size).toBe(0)
  })

  it('ignores frames that arrive after the connection closed', async () => {
    const seen: unknown[] = []
    const route = defineRoute({ kind: 'ws', handler: { onMessage: (m, c) => (seen.push(m), c.close()) } })
    const client = await createTestBridge({ route }).connect('/route')
    client.send(1)
    client.send(2)
    await client.waitForClose()
    expect(seen).toEqual([1])
  })

  it('gives every connection a unique, unguessable id and drops topics on close', async () => {
    const route = defineRoute({ kind: 'ws', handler: { onOpen: (c) => c.subscribe('news'), onMessage: () => undefined } })
    const t = createTestBridge({ route })
    const a = await t.connect('/route')
    const b = await t.connect('/route')
    expect(a.connection.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(a.connection.id).not.toBe(b.connection.id)
    expect(String(a.connection)).toBe(a.connection.id)
    expect(t.bridge.subscriberCount('news')).toBe(2)
    a.close()
    b.close()
    await a.flush()
    expect(t.bridge.subscriberCount('news')).toBe(0)
    expect(a.connection.topics.size).toBe(0)
  })
})
