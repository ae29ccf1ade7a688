import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { setupBridge } from '../../src/client/index.js'
import { defineRoute } from '../../src/index.js'
import { startWsHost, type WsTestHost } from './ws-host.js'

// When the client gives up: after the codes that mean "done" or "you may not" (1000, 1008, 4401,
// 4403; 4401 is in client.test.ts), with `reconnect: false`, and after `maxAttempts` failures.
// A code outside that list is the control that proves the same setup does reconnect.

const opens = new Map<string, number>()
const routes = {
  /** Accepts, then closes with `?code=` and a reason, as a server ending or refusing a session would. */
  closer: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => {
        const t = connection.query['t'] ?? ''
        opens.set(t, (opens.get(t) ?? 0) + 1)
        connection.close(Number(connection.query['code']), 'server says so')
      },
      onMessage: () => undefined,
    },
  }),
}

let host: WsTestHost
beforeAll(async () => {
  host = await startWsHost(routes)
})
afterAll(() => host.close())

let n = 0
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}

function connectWithCode(code: number, reconnect: false | { initialDelay: number; maxDelay: number } = { initialDelay: 10, maxDelay: 10 }) {
  const t = `c${++n}`
  const closes: [number, boolean][] = []
  const { $ws } = setupBridge(routes, { baseUrl: host.wsUrl, WebSocket, reconnect })
  const conn = $ws.closer(
    { t, code: String(code) },
    { onClose: (closeCode, _reason, info) => void closes.push([closeCode, info.willReconnect]) },
  )
  return { conn, closes, opens: () => opens.get(t) ?? 0 }
}

describe('client: when it does not reconnect', () => {
  it.each([1000, 1008, 4403])('stays closed after the server closes with %i', async (code) => {
    const { conn, closes, opens } = connectWithCode(code)
    await until(() => conn.state === 'closed', 'closed state')
    await sleep(150) // ten reconnect delays: a retry would have opened again by now
    expect(closes).toEqual([[code, false]])
    expect(opens()).toBe(1)
    expect(conn.readyState).toBe(3)
  })

  it('reconnects after any other server code (the control for the cases above)', async () => {
    const { conn, closes, opens } = connectWithCode(4000)
    await until(() => opens() >= 3, 'two reconnects')
    conn.close()
    expect(closes.slice(0, 2)).toEqual([
      [4000, true],
      [4000, true],
    ])
  })

  it('never reconnects with reconnect: false', async () => {
    const { conn, closes, opens } = connectWithCode(4000, false)
    await until(() => conn.state === 'closed', 'closed state')
    await sleep(150)
    expect(closes).toEqual([[4000, false]])
    expect(opens()).toBe(1)
  })

  it('gives up after maxAttempts failed attempts in a row', async () => {
    // A server that refuses every upgrade with 503: each attempt fails before opening.
    let attempts = 0
    const refusing: Server = createServer()
    refusing.on('upgrade', (_request, socket) => {
      attempts++
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n')
    })
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve))
    const { port } = refusing.address() as AddressInfo
    const { $ws } = setupBridge(routes, {
      baseUrl: `ws://127.0.0.1:${port}`,
      WebSocket,
      reconnect: { initialDelay: 5, maxDelay: 5, maxAttempts: 3 },
    })
    const conn = $ws.closer({ code: '1000' }, { onError: () => undefined })
    await until(() => conn.state === 'closed', 'giving up')
    await sleep(100)
    // The first attempt plus three retries.
    expect(attempts).toBe(4)
    await expect(conn.opened()).rejects.toThrow(/closed/)
    await new Promise((resolve) => refusing.close(resolve))
  })
})
