import { defineRoute } from '@wsbridge/core'
import { Hono } from 'hono'
import { WSContext, type UpgradeWebSocket, type WSEvents } from 'hono/ws'
import { expect, test } from 'vitest'
import { createHonoWebSocket } from '../src/index.js'

// Hono's helper on Cloudflare Workers calls onMessage, onClose and onError but never onOpen (an
// accepted Workers socket has no open event). A stand-in helper drives the adapter the same way.
function workersStyleApp() {
  const log: string[] = []
  const routes = {
    echo: defineRoute({
      kind: 'ws',
      handler: {
        onOpen: (connection) => {
          log.push('open')
          connection.send({ welcome: true })
        },
        onMessage: (message, connection) => {
          log.push(`message ${String(message)}`)
          connection.send(message)
        },
        onClose: (_connection, code) => void log.push(`close ${code}`),
        onError: (_connection, error) => void log.push(`error ${error.code}`),
      },
    }),
  }
  // The bridge's log lines: a socket error is logged (INTERNAL, with the event); asserted, not printed.
  const logged: string[] = []
  const logger = { error: (line: string) => void logged.push(line), warn: (line: string) => void logged.push(line) }
  const created: WSEvents[] = []
  const upgradeWebSocket = ((createEvents: (c: unknown) => WSEvents | Promise<WSEvents>) => async (c: unknown) => {
    created.push(await createEvents(c))
    return new Response(null)
  }) as unknown as UpgradeWebSocket
  const ws = createHonoWebSocket(routes, {
    prefix: '/api',
    logger,
    upgradeWebSocket,
    getConnInfo: () => ({ remote: { address: '127.0.0.1' } }),
  })
  const app = new Hono().use('/api/:route', ws.middleware)
  const sent: unknown[] = []
  const context = new WSContext({ raw: undefined, readyState: 1, send: (data) => void sent.push(data), close: () => undefined })
  async function upgrade(): Promise<WSEvents> {
    const headers = {
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    }
    await app.request('http://worker.example/api/echo', { headers })
    expect(created).toHaveLength(1)
    return created[0]!
  }
  return { ws, log, logged, sent, context, upgrade }
}

const message = (data: string) => new MessageEvent('message', { data })
// Node 20 has no global CloseEvent; the helpers pass their own with these two fields.
const closeEvent = (code: number) => ({ code, reason: '' }) as CloseEvent

test("the first message opens the connection: the route's onOpen runs first, once, and every message is handled", async () => {
  const { ws, log, sent, context, upgrade } = workersStyleApp()
  const events = await upgrade()
  expect(log).toEqual([])
  events.onMessage!(message('"a"'), context)
  events.onMessage!(message('"b"'), context)
  events.onClose!(closeEvent(1000), context)
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(log).toEqual(['open', 'message a', 'message b', 'close 1000'])
  expect(sent).toEqual(['{"welcome":true}', '"a"', '"b"'])
  await ws.close()
})

test('a close or an error before any message still opens the connection first, once', async () => {
  const closing = workersStyleApp()
  const closed = await closing.upgrade()
  closed.onClose!(closeEvent(1001), closing.context)
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(closing.log).toEqual(['open', 'close 1001'])

  const failing = workersStyleApp()
  const failed = await failing.upgrade()
  failed.onError!(new Event('error'), failing.context)
  failed.onMessage!(message('"c"'), failing.context)
  await new Promise((resolve) => setTimeout(resolve, 20))
  failed.onClose!(closeEvent(1000), failing.context)
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(failing.log).toEqual(['open', 'error INTERNAL', 'message c', 'close 1000'])
  expect(failing.logged).toEqual([expect.stringMatching(/^\[wsbridge\] INTERNAL route=echo /)])
  expect(closing.logged).toEqual([])
  await closing.ws.close()
  await failing.ws.close()
})

test('onOpen, where a helper calls it, opens the connection once: later events do not open it again', async () => {
  const { ws, log, context, upgrade } = workersStyleApp()
  const events = await upgrade()
  events.onOpen!(new Event('open'), context)
  events.onMessage!(message('"a"'), context)
  events.onClose!(closeEvent(1000), context)
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(log).toEqual(['open', 'message a', 'close 1000'])
  await ws.close()
})
