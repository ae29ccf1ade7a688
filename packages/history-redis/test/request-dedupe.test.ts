import { setupBridge } from '@wsbridge/core/client'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { Balancer, waitFor } from '@wsbridge/backplane-testkit'
import { gate, ledger, requestRoutes } from './fixtures/request-routes.js'
import { runRedisTests, SHARED_REDIS_URL } from './redis-server.js'
import { type RequestInstance, startRequestInstance } from './request-instances.js'

const LEASE = 400

// Two instances (Node `ws`, Express) behind one TCP balancer, one real Redis: a request whose reply
// the client lost on A is resent, through the balancer, to B.
describe.runIf(runRedisTests)('requests resent to another instance run once (Redis dedupe window)', () => {
  const prefix = `wsbridge-test:${process.pid}:${Date.now()}:requests:`
  let a: RequestInstance
  let b: RequestInstance
  let balancer: Balancer
  let redis: Redis

  beforeAll(async () => {
    ;[a, b] = await Promise.all([
      startRequestInstance('node-ws', SHARED_REDIS_URL, prefix, LEASE),
      startRequestInstance('express', SHARED_REDIS_URL, prefix, LEASE),
    ])
    balancer = await Balancer.start(a.port)
    redis = new Redis(SHARED_REDIS_URL)
  })
  afterAll(async () => {
    for (const open of ledger.gates.values()) open.open()
    await balancer?.close()
    await Promise.all([a?.close(), b?.close()])
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length > 0) await redis.del(...keys)
    redis.disconnect()
  })
  beforeEach(() => {
    balancer.target = a.port
  })

  const connect = () =>
    setupBridge(requestRoutes('client'), { baseUrl: balancer.url, WebSocket, reconnect: { initialDelay: 20, random: () => 0 } }).$ws.calc()
  /** Replies stored in Redis so far (values `r<frame>`; claims are `c<owner>`). */
  const storedReplies = async (): Promise<number> => {
    const keys = (await redis.keys(`${prefix}*`)).filter((key) => key.includes('}:'))
    const values = keys.length === 0 ? [] : await redis.mget(...keys)
    return values.filter((value) => value?.startsWith('r')).length
  }

  it('the reply finished on A while the client was away: B replays it, the handler ran once', async () => {
    const open = gate('lost')
    const conn = connect()
    await conn.opened()
    const reply = conn.request('charge', { label: 'lost' }, { timeout: 10_000 })
    await waitFor(() => ledger.runs.get('lost') === 1, 'the handler started on A')
    // The client's socket dies and its reconnect waits in the balancer; then A finishes, its reply lost.
    balancer.hold()
    balancer.drop()
    balancer.target = b.port
    open()
    await waitFor(async () => (await storedReplies()) === 1, 'A stored the reply in Redis')
    balancer.release()
    expect(await reply).toEqual({ runs: 1, by: 'node-ws-instance' })
    expect(ledger.runs.get('lost')).toBe(1)
    expect(conn.reconnects).toBe(1)
    expect(b.seen.find((entry) => entry.name === 'charge')?.outcome).toBe('replayed')
    conn.close()
  })

  it('A is still running when the resend reaches B: B waits for A instead of running it', async () => {
    b.seen.length = 0
    const open = gate('slow')
    const conn = connect()
    await conn.opened()
    const reply = conn.request('charge', { label: 'slow' }, { timeout: 10_000 })
    await waitFor(() => ledger.runs.get('slow') === 1, 'the handler started on A')
    balancer.target = b.port
    balancer.drop()
    await waitFor(() => b.seen.length === 1, 'the resend reached B')
    // B is polling the claim A holds (and renews: well past the lease, it has not lapsed).
    await new Promise((resolve) => setTimeout(resolve, LEASE * 3))
    expect(ledger.runs.get('slow')).toBe(1)
    open()
    expect(await reply).toEqual({ runs: 1, by: 'node-ws-instance' })
    expect(ledger.ranOn.get('slow')).toEqual(['node-ws-instance'])
    expect(b.seen[0]?.outcome).toBe('replayed')
    conn.close()
  })

  it('the limit: A dies mid-handler, so its claim lapses after the lease and B runs the request again', async () => {
    b.seen.length = 0
    const openDies = gate('dies')
    const conn = connect()
    await conn.opened()
    const reply = conn.request('charge', { label: 'dies' }, { timeout: 10_000 })
    await waitFor(() => ledger.runs.get('dies') === 1, 'the handler started on A')
    // A's store stops renewing (as a killed process would) and its handler never ends.
    await a.store.close()
    balancer.target = b.port
    balancer.drop()
    ledger.gates.delete('dies')
    const started = Date.now()
    expect(await reply).toEqual({ runs: 2, by: 'express-instance' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(LEASE / 2)
    expect(ledger.ranOn.get('dies')).toEqual(['node-ws-instance', 'express-instance'])
    expect(b.seen[0]?.outcome).toBe('ok')
    // A's handler ends after all: its store is gone, so keeping the reply fails, reported to onError.
    openDies()
    await waitFor(() => a.errors.some((line) => line.includes('could not keep a reply')), "A's store failure reported")
    conn.close()
  })
})
