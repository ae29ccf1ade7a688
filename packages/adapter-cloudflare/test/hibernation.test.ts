import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openJson, sleep } from './json-client.js'
import { startMiniflare } from './miniflare.mjs'

type Started = Awaited<ReturnType<typeof startMiniflare>>

// workerd evicts a Durable Object after 10 s without events (Miniflare's default, as in production):
// with no timer pending, the object hibernates and its sockets stay open.
const EVICTED_AFTER_MS = 13_000

describe('hibernation (workerd under Miniflare)', () => {
  let host: Started
  beforeAll(async () => {
    host = await startMiniflare(fileURLToPath(new URL('./hibernation-worker.ts', import.meta.url)), { durableObjects: { ROOMS: 'Room' } })
  })
  afterAll(() => host?.miniflare.dispose())

  it('an evicted object rebuilds id, user, params, query, context (as handlers changed it) and topics, and pub/sub still reaches everyone', async () => {
    const base = `ws://127.0.0.1:${host.url.port}/room/r1`
    const ada = await openJson(`${base}?token=ada&lang=en`)
    const bob = await openJson(`${base}?token=bob`)
    ada.ws.send(JSON.stringify({ note: 'changed in onMessage' }))
    const before = await ada.next()
    expect(before).toMatchObject({
      user: { name: 'ada' },
      params: { roomId: 'r1' },
      query: { token: 'ada', lang: 'en' },
      context: { room: 'r1', joined: 'at-upgrade', note: 'changed in onMessage' },
      topics: ['room:r1'],
    })

    await sleep(EVICTED_AFTER_MS)
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

  it('a handler publishes into another room’s object through its stub (idFromName), whose fallback publishes there', async () => {
    const port = host.url.port
    const ada = await openJson(`ws://127.0.0.1:${port}/room/r3?token=ada`)
    const carol = await openJson(`ws://127.0.0.1:${port}/room/r4?token=carol`)
    const dan = await openJson(`ws://127.0.0.1:${port}/room/r4?token=dan`)
    ada.ws.send(JSON.stringify({ relayTo: 'r4', say: 'across objects' }))
    expect(await carol.next()).toEqual({ say: 'across objects', from: 'r3' })
    expect(await dan.next()).toEqual({ say: 'across objects', from: 'r3' })
    // What r4's object answered r3's handler: it reached both of its sockets.
    expect(await ada.next()).toEqual({ delivered: 2 })
    for (const client of [ada, carol, dan]) client.ws.close()
  })
})
