import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { HEARTBEAT_MS, IDLE_SECONDS } from './heartbeat-timings.js'
import { type JsonClient, openJson, sleep } from './json-client.js'
import { startMiniflare } from './miniflare.mjs'

type Started = Awaited<ReturnType<typeof startMiniflare>>

/** Sends the typed client's heartbeat every `ms` until stopped; workerd answers each itself. */
function heartbeat(ws: WebSocket, ms: number): () => void {
  const timer = setInterval(() => ws.send('{"~":"ping"}'), ms)
  return () => clearInterval(timer)
}

/** The next message that is not workerd's answer to a heartbeat. */
async function nextNotPong(client: JsonClient): Promise<Record<string, unknown>> {
  for (;;) {
    const message = await client.next()
    if (message['~'] !== 'pong') return message
  }
}

async function untilNotOpen(ws: WebSocket, within: number): Promise<number> {
  const started = Date.now()
  while (ws.readyState === WebSocket.OPEN && Date.now() - started < within) await sleep(25)
  return Date.now() - started
}

describe('client heartbeats answered by workerd (autoResponse) count as signs of life', () => {
  let host: Started
  let base: string
  beforeAll(async () => {
    host = await startMiniflare(fileURLToPath(new URL('./heartbeat-worker.ts', import.meta.url)), {
      durableObjects: { OBJECT: 'HeartbeatObject' },
    })
    base = `ws://127.0.0.1:${host.url.port}/ws`
  })
  afterAll(() => host?.miniflare.dispose())

  it('heartbeat: a client that stops heartbeating is closed (1011) and onClose gets 1006 Heartbeat timeout; a heartbeating one stays', async () => {
    const watch = await openJson(`${base}/watch`)
    const live = await openJson(`${base}/beat`)
    const pongs: string[] = []
    live.ws.on('message', (data) => pongs.push(String(data)))
    const stopLive = heartbeat(live.ws, HEARTBEAT_MS / 3)
    const dead = await openJson(`${base}/beat`)
    const stopDead = heartbeat(dead.ws, HEARTBEAT_MS / 3)
    await sleep(HEARTBEAT_MS * 3)
    stopDead()
    // Core's heartbeat on the alarm: two intervals without a sign of life, plus the sweep's slack.
    expect(await untilNotOpen(dead.ws, HEARTBEAT_MS * 10)).toBeLessThan(HEARTBEAT_MS * 10)
    expect(await watch.next()).toEqual({ route: 'beat', code: 1006, reason: 'Heartbeat timeout' })
    expect((await dead.closed).code).toBe(1011)
    // Every ping of the live client was answered by workerd, and it is still open and served.
    expect(live.ws.readyState).toBe(WebSocket.OPEN)
    expect(pongs.length).toBeGreaterThanOrEqual(3)
    expect(new Set(pongs)).toEqual(new Set(['{"~":"pong"}']))
    stopLive()
    live.ws.send('{}')
    expect(await nextNotPong(live)).toEqual({ echo: true })
    live.ws.close()
    expect(await watch.next()).toMatchObject({ route: 'beat', code: 1005 })
    watch.ws.close()
  }, 30_000)

  it('idle timeout: heartbeats the object never saw keep a client open; a silent one is closed with 1001 Idle timeout', async () => {
    const watch = await openJson(`${base}/watch`)
    const beating = await openJson(`${base}/idle`)
    const stop = heartbeat(beating.ws, 200)
    const silent = await openJson(`${base}/idle`)
    expect(await untilNotOpen(silent.ws, IDLE_SECONDS * 6000)).toBeLessThan(IDLE_SECONDS * 6000)
    expect(await watch.next()).toEqual({ route: 'idle', code: 1001, reason: 'Idle timeout' })
    await sleep(IDLE_SECONDS * 2000)
    expect(beating.ws.readyState).toBe(WebSocket.OPEN)
    stop()
    beating.ws.close()
    expect(await watch.next()).toMatchObject({ route: 'idle', code: 1005 })
    watch.ws.close()
  }, 30_000)
})
