import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { IDLE_SECONDS } from './hibernation-timings.js'
import { openJson, sleep } from './json-client.js'
import { startMiniflare } from './miniflare.mjs'

type Started = Awaited<ReturnType<typeof startMiniflare>>

describe('deadlines on the Durable Object alarm (workerd under Miniflare)', () => {
  let host: Started
  beforeAll(async () => {
    host = await startMiniflare(fileURLToPath(new URL('./hibernation-worker.ts', import.meta.url)), { durableObjects: { ROOMS: 'Room' } })
  })
  afterAll(() => host?.miniflare.dispose())

  it('the idle timeout closes a silent client although the object was evicted before it was due', async () => {
    const base = `ws://127.0.0.1:${host.url.port}/room/r2`
    const watcher = await openJson(`${base}?token=w`)
    const silent = await openJson(`${base}/quiet`)
    const opened = Date.now()
    watcher.ws.send('{}')
    const first = (await watcher.next())['instance']

    // The server's close frame arrives (the ws client answers it and is CLOSING from then on).
    while (silent.ws.readyState === WebSocket.OPEN) await sleep(100)
    const closedAfter = Date.now() - opened
    // Never early: the deadline counts from the client's last frame, kept in its attachment.
    expect(closedAfter).toBeGreaterThanOrEqual(IDLE_SECONDS * 1000 - 200)
    expect(closedAfter).toBeLessThan((IDLE_SECONDS + 6) * 1000)
    expect(await silent.closed).toEqual({ code: 1001, reason: 'Idle timeout' })

    // Another instance answers: no timer kept the first in memory, the alarm woke a new one.
    watcher.ws.send('{}')
    expect((await watcher.next())['instance']).not.toBe(first)
    watcher.ws.close()
  }, 60_000)
})
