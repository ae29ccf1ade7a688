import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { startWorker } from './miniflare.js'

type Started = Awaited<ReturnType<typeof startWorker>>

/** A client that queues what it receives as JSON. */
async function open(url: string): Promise<{ ws: WebSocket; next(): Promise<Record<string, unknown>> }> {
  const ws = new WebSocket(url)
  const inbox: Record<string, unknown>[] = []
  const waiting: ((value: Record<string, unknown>) => void)[] = []
  ws.on('message', (data) => {
    const value = JSON.parse(String(data)) as Record<string, unknown>
    const waiter = waiting.shift()
    if (waiter) waiter(value)
    else inbox.push(value)
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, next: () => (inbox.length > 0 ? Promise.resolve(inbox.shift()!) : new Promise((resolve) => waiting.push(resolve))) }
}

// workerd evicts a Durable Object after 10 s without events (Miniflare's default, as in production):
// with no timer pending, the object hibernates and its sockets stay open.
const EVICTED_AFTER_MS = 13_000

describe('hibernation (workerd under Miniflare)', () => {
  let host: Started
  beforeAll(async () => {
    host = await startWorker(fileURLToPath(new URL('./hibernation-worker.ts', import.meta.url)), 'ROOMS', 'Room')
  })
  afterAll(() => host?.miniflare.dispose())

  it('an evicted object rebuilds id, user, params, query, context and topics, and pub/sub still reaches everyone', async () => {
    const base = `ws://127.0.0.1:${host.url.port}/room/r1`
    const ada = await open(`${base}?token=ada&lang=en`)
    const bob = await open(`${base}?token=bob`)
    ada.ws.send('{}')
    const before = await ada.next()
    expect(before).toMatchObject({
      user: { name: 'ada' },
      params: { roomId: 'r1' },
      query: { token: 'ada', lang: 'en' },
      context: { room: 'r1', joined: 'at-upgrade' },
      topics: ['room:r1'],
    })

    await new Promise((resolve) => setTimeout(resolve, EVICTED_AFTER_MS))
    ada.ws.send('{}')
    const after = await ada.next()
    // A new object instance answered: the first one was evicted while both sockets stayed open.
    expect(after['instance']).not.toBe(before['instance'])
    expect({ ...after, instance: '' }).toEqual({ ...before, instance: '' })

    ada.ws.send(JSON.stringify({ say: 'hi' }))
    const [toAda, toBob] = await Promise.all([ada.next(), bob.next()])
    expect(toAda).toEqual(toBob)
    expect(toBob).toMatchObject({ say: 'hi', from: { id: before['id'], user: { name: 'ada' } } })
    ada.ws.close()
    bob.ws.close()
  }, 40_000)
})
