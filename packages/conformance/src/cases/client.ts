import { setupBridge, type WebSocketConstructor } from '@wsbridge/core/client'
import WS from 'ws'
import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import type { SuiteContext } from '../context.js'
import { delay } from '../helpers.js'
import { recorded, waitForRecorded } from '../recorder.js'
import { clientRoutes } from '../routes/client.js'

// Bun (and Node 22+) have a global WebSocket; Node 20 gets the `ws` client.
const WebSocketImpl = ((globalThis as { WebSocket?: WebSocketConstructor }).WebSocket ?? WS) as WebSocketConstructor

/** The typed client for this host, with quick reconnects so cases stay fast. */
function client(ctx: SuiteContext, initialDelay = 30) {
  return setupBridge(clientRoutes, {
    baseUrl: ctx.running.wsUrl + ctx.prefix,
    WebSocket: WebSocketImpl,
    reconnect: { initialDelay, maxDelay: 200 },
  }).$ws
}

async function until(check: () => boolean, what: string, timeout = 5000): Promise<void> {
  const deadline = Date.now() + timeout
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await delay(5)
  }
}

const messages = (token: string) =>
  recorded(token)
    .filter((e) => e.type === 'message')
    .map((e) => e['message'])
const opens = (token: string) => recorded(token).filter((e) => e.type === 'open').length

export const clientGroup = defineCaseGroup({
  name: 'client',
  cases: [
    {
      name: 'typed client: sends made before open are queued and flushed in order',
      async run(ctx) {
        const t = ctx.token()
        const conn = client(ctx).clientLog({ t })
        const statuses = [1, 2, 3, 4, 5].map((n) => conn.send(n))
        expect(statuses).toEqual(['queued', 'queued', 'queued', 'queued', 'queued'])
        await waitForRecorded(t, () => messages(t).length === 5)
        expect(messages(t)).toEqual([1, 2, 3, 4, 5])
        conn.close()
      },
    },
    {
      name: 'typed client: no reconnect after a 4401 close',
      needs: 'closeInOpen',
      async run(ctx) {
        const t = ctx.token()
        const closes: number[] = []
        const conn = client(ctx, 5).clientGuarded({ t }, { onClose: (code) => void closes.push(code) })
        await until(() => conn.state === 'closed', 'closed state')
        await delay(200)
        expect(closes).toEqual([4401])
        expect(opens(t)).toBe(1)
      },
    },
    {
      name: 'typed client: reconnects after the server restarts and flushes what was sent meanwhile',
      needs: 'restart',
      timeout: 20_000,
      async run(ctx) {
        const t = ctx.token()
        // A fixed ~500 ms first retry (no jitter) keeps the client in 'reconnecting' long enough to
        // send while it is down, even when the host is back within milliseconds on a loaded box.
        const { $ws } = setupBridge(clientRoutes, {
          baseUrl: ctx.running.wsUrl + ctx.prefix,
          WebSocket: WebSocketImpl,
          reconnect: { initialDelay: 500, maxDelay: 1000, random: () => 0.99 },
        })
        const closes: number[] = []
        const conn = $ws.clientLog({ t }, { onClose: (code, _reason, { willReconnect }) => void (willReconnect && closes.push(code)) })
        await conn.opened()
        // The host has run onOpen (and reported it) before it dies.
        await waitForRecorded(t, () => opens(t) === 1)
        const pidBefore = ctx.running.pid
        // The host process is killed (no close frame) and its command run again on the same port.
        const restarted = ctx.restartHost()
        await until(() => conn.state === 'reconnecting', 'reconnecting state')
        expect(conn.send('while down')).toBe('queued')
        await restarted
        await waitForRecorded(t, () => opens(t) === 2 && messages(t).length === 1, 10_000)
        expect(messages(t)).toEqual(['while down'])
        expect(conn.reconnects).toBe(1)
        expect(closes).toHaveLength(1)
        expect(ctx.running.pid).not.toBe(pidBefore)
        conn.close()
      },
    },
    {
      name: 'typed client: resume replays topic messages published while the client was away',
      async run(ctx) {
        const room = ctx.token()
        const topic = `client-feed:${room}`
        const received: unknown[] = []
        // A ~600 ms reconnect delay leaves time to publish while the client is away.
        const { $ws } = setupBridge(clientRoutes, {
          baseUrl: ctx.running.wsUrl + ctx.prefix,
          WebSocket: WebSocketImpl,
          reconnect: { initialDelay: 600, random: () => 0.99 },
        })
        const conn = $ws.clientFeed({ room }, { onMessage: (m) => void received.push(m) })
        await ctx.running.poll(async () => (await ctx.running.subscriberCount(topic)) === 1, 'subscription')
        await ctx.running.publish(topic, { n: 1 })
        await until(() => received.length === 1, 'first message')
        conn.send({ kick: true })
        await ctx.running.poll(async () => conn.state === 'reconnecting' && (await ctx.running.subscriberCount(topic)) === 0, 'the drop')
        await ctx.running.publish(topic, { n: 2 })
        await ctx.running.publish(topic, { n: 3 })
        await until(() => conn.reconnects === 1 && received.length === 3, 'replay')
        await ctx.running.publish(topic, { n: 4 })
        await until(() => received.length === 4, 'live message')
        expect(received).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }])
        conn.close()
      },
    },
  ],
})
