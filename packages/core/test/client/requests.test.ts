import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { setupBridge, WsError } from '../../src/client/index.js'
import { defineRoute } from '../../src/index.js'
import { recordingLogger } from '../logging/fake-log.js'
import { startWsHost, type WsTestHost } from './ws-host.js'

/** Handler runs and aborts, observed from the test (the host runs in this process). */
const probe = { runs: 0, aborted: [] as string[] }

const routes = {
  calc: defineRoute({
    kind: 'ws',
    requests: {
      add: { input: v.object({ a: v.number(), b: v.number() }), output: v.number(), handler: ({ a, b }) => a + b },
      wait: {
        input: v.object({ ms: v.number(), tag: v.string() }),
        output: v.string(),
        handler: ({ ms, tag }, _c, { signal }) =>
          new Promise<string>((resolve) => {
            const timer = setTimeout(() => resolve(tag), ms)
            signal.addEventListener('abort', () => {
              clearTimeout(timer)
              probe.aborted.push(`${tag}:${(signal.reason as WsError).code}`)
              resolve(tag)
            })
          }),
      },
      // Ignores its signal: it finishes even when the socket that asked is gone (a side effect that must run once).
      once: {
        input: v.object({ ms: v.number() }),
        output: v.number(),
        handler: async ({ ms }) => {
          const run = ++probe.runs
          await new Promise((resolve) => setTimeout(resolve, ms))
          return run
        },
      },
      deny: { input: v.unknown(), output: v.null(), handler: () => Promise.reject(new WsError('FORBIDDEN', 'No')) },
    },
    clientRequests: { confirm: { input: v.object({ q: v.string() }), output: v.object({ ok: v.boolean() }) } },
    handler: {
      onMessage: async (message, connection) => {
        if (message === 'kick') return connection.terminate()
        const reply = await connection.request('confirm', { q: String(message) }, { timeout: 500 }).catch((e: WsError) => e.code)
        connection.send({ reply })
      },
    },
  }),
}

let host: WsTestHost
/** The server's log lines: refusals and invalid requests are provoked on purpose and asserted here, not printed. */
const log = recordingLogger()
beforeAll(async () => void (host = await startWsHost(routes, { prefix: '/api', logger: log })))
afterAll(() => host.close())

const client = () => setupBridge(routes, { baseUrl: `${host.wsUrl}/api`, WebSocket, reconnect: { initialDelay: 50, random: () => 0 } }).$ws

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )

describe('conn.request over a real socket', () => {
  it('resolves typed replies, many in flight, and rejects with WsError codes', async () => {
    const conn = client().calc()
    const [slow, fast, sum] = await Promise.all([
      conn.request('wait', { ms: 40, tag: 'slow' }),
      conn.request('wait', { ms: 1, tag: 'fast' }),
      conn.request('add', { a: 20, b: 22 }),
    ])
    expect([slow, fast, sum]).toEqual(['slow', 'fast', 42])
    const denied = await failure(conn.request('deny', null))
    expect(denied).toBeInstanceOf(WsError)
    expect(denied).toMatchObject({ code: 'FORBIDDEN', message: 'No' })
    expect(await failure(conn.request('add', { a: 1, b: 'x' as unknown as number }))).toMatchObject({ code: 'VALIDATION_FAILED' })
    const warned = log.lines.filter((line) => line.level === 'warn').map((line) => line.message.replace(/ connection=[\w-]+/, ''))
    expect(warned).toEqual(['[wsbridge] FORBIDDEN route=calc: No', '[wsbridge] VALIDATION_FAILED route=calc: Message failed validation'])
    conn.close()
  })

  it('times out and cancels: the server handler signal aborts; an AbortSignal does the same', async () => {
    const conn = client().calc()
    // Open first: a 50 ms timeout running while the socket opens (slow under load) can expire before
    // the request is ever sent, and then no handler runs to be aborted.
    await conn.opened()
    expect(await failure(conn.request('wait', { ms: 5000, tag: 'timeout' }, { timeout: 50 }))).toMatchObject({ code: 'REQUEST_TIMEOUT' })
    const controller = new AbortController()
    const cancelled = failure(conn.request('wait', { ms: 5000, tag: 'abort' }, { signal: controller.signal }))
    setTimeout(() => controller.abort(), 30)
    expect(await cancelled).toMatchObject({ code: 'REQUEST_CANCELLED' })
    await expect.poll(() => probe.aborted).toEqual(['timeout:REQUEST_CANCELLED', 'abort:REQUEST_CANCELLED'])
    conn.close()
  })

  it('close() rejects pending requests with CONNECTION_CLOSED and the server aborts their handlers', async () => {
    probe.aborted.length = 0
    const conn = client().calc()
    await conn.opened()
    const pending = failure(conn.request('wait', { ms: 5000, tag: 'closed' }))
    await new Promise((resolve) => setTimeout(resolve, 30))
    conn.close()
    expect(await pending).toMatchObject({ code: 'CONNECTION_CLOSED' })
    await expect.poll(() => probe.aborted).toEqual(['closed:CONNECTION_CLOSED'])
  })

  it('answers the server with the `requests` handlers of the connect options', async () => {
    const received: unknown[] = []
    const conn = client().calc(
      {},
      {
        onMessage: (m) => void received.push(m),
        requests: { confirm: ({ q }) => ({ ok: q === 'yes' }) },
      },
    )
    conn.send('yes')
    conn.send('no')
    await expect.poll(() => received).toEqual([{ reply: { ok: true } }, { reply: { ok: false } }])
    const bare = client().calc({}, { onMessage: (m) => void received.push(m) })
    bare.send('?')
    await expect.poll(() => received.length).toBe(3)
    expect(received[2]).toEqual({ reply: 'UNKNOWN_REQUEST' })
    conn.close()
    bare.close()
  })
})

describe('requests across reconnects', () => {
  it('a request made before the socket opens is sent once, when it opens', async () => {
    probe.runs = 0
    const conn = client().calc()
    expect(conn.state).toBe('connecting')
    expect(await conn.request('once', { ms: 1 })).toBe(1)
    expect(probe.runs).toBe(1)
    conn.close()
  })

  it('a request whose reply was lost to a disconnect is resent with its id; the handler runs once', async () => {
    probe.runs = 0
    const conn = client().calc()
    await conn.opened()
    const reply = conn.request('once', { ms: 150 })
    await new Promise((resolve) => setTimeout(resolve, 30))
    // The server drops the socket while the handler runs: its reply cannot reach this socket.
    conn.send('kick')
    expect(await reply).toBe(1)
    expect(conn.reconnects).toBe(1)
    expect(probe.runs).toBe(1)
    conn.close()
  })

  it('a request made while the server is down goes out once after the reconnect', async () => {
    probe.runs = 0
    const conn = client().calc()
    await conn.opened()
    const restarted = host.restart({ downFor: 200 })
    await expect.poll(() => conn.state).toBe('reconnecting')
    const reply = conn.request('once', { ms: 1 }, { timeout: 5000 })
    await restarted
    expect(await reply).toBe(1)
    expect(probe.runs).toBe(1)
    conn.close()
  })
})
