import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setupBridge } from '@wsbridge/core/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startEchoServer } from '../src/app.js'
import { routes } from '../src/routes.js'

let server: Server
let base: string

/** Opens a raw socket (as the tutorial's plain-WebSocket client does) and records what arrives. */
async function open(path: string): Promise<{ ws: WebSocket; next: () => Promise<unknown>; closed: Promise<[number, string]> }> {
  const ws = new WebSocket(`ws://${base}${path}`)
  const inbox: unknown[] = []
  const waiting: ((value: unknown) => void)[] = []
  ws.on('message', (data, isBinary) => {
    if (isBinary) return // binary round trips read the frame themselves
    const message: unknown = JSON.parse(String(data))
    const waiter = waiting.shift()
    if (waiter) waiter(message)
    else inbox.push(message)
  })
  const closed = new Promise<[number, string]>((resolve) => ws.on('close', (code, reason) => resolve([code, String(reason)])))
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  return { ws, next: () => (inbox.length > 0 ? Promise.resolve(inbox.shift()) : new Promise((resolve) => waiting.push(resolve))), closed }
}

beforeAll(async () => {
  server = await startEchoServer(0)
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  // Every test closes its sockets; this ends fetch's keep-alive connection.
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

describe('the tutorial echo app', () => {
  it('echo route sends every message back wrapped in { echo }', async () => {
    const { ws, next } = await open('/api/echo')
    ws.send(JSON.stringify({ text: 'Hello!' }))
    expect(await next()).toEqual({ echo: { text: 'Hello!' } })
    ws.send(JSON.stringify([1, 2, 3]))
    expect(await next()).toEqual({ echo: [1, 2, 3] })
    ws.close()
  })

  it('chat route welcomes, then echoes with an ISO timestamp', async () => {
    const { ws, next } = await open('/api/chat')
    expect(await next()).toEqual({ type: 'system', message: 'Welcome to the chat!' })
    ws.send(JSON.stringify({ text: 'hi' }))
    const echo = (await next()) as { type: string; message: unknown; timestamp: string }
    expect(echo).toMatchObject({ type: 'echo', message: { text: 'hi' } })
    expect(new Date(echo.timestamp).toISOString()).toBe(echo.timestamp)
    ws.close()
  })

  it('closes with 1000 and the tutorial reason on { command: "quit" } and on the text /quit', async () => {
    for (const quit of [{ command: 'quit' }, { text: '/quit' }]) {
      const { ws, next, closed } = await open('/api/chat')
      await next()
      ws.send(JSON.stringify(quit))
      expect(await closed).toEqual([1000, 'User requested disconnect'])
    }
  })

  it('echoes binary frames byte for byte on /api/echo, and closes /api/chat with 1003 on one', async () => {
    const echo = await open('/api/echo')
    const bytes = new Uint8Array([0, 1, 127, 128, 255])
    const back = new Promise<Buffer>((resolve) => echo.ws.once('message', (data) => resolve(data as Buffer)))
    echo.ws.send(bytes)
    expect([...(await back)]).toEqual([...bytes])
    echo.ws.close()

    const chat = await open('/api/chat')
    await chat.next()
    chat.ws.send(bytes)
    expect((await chat.closed)[0]).toBe(1003)
  })

  it('works through the typed client helper ($ws.echo) from Node', async () => {
    const { $ws } = setupBridge(routes, { baseUrl: `ws://${base}/api`, WebSocket, reconnect: false })
    const received: unknown[] = []
    let connection: ReturnType<typeof $ws.echo> | undefined
    await new Promise<void>((resolve, reject) => {
      connection = $ws.echo(
        {},
        {
          onMessage: (data) => {
            received.push(data)
            if (received.length === 2) resolve()
          },
          onError: reject,
        },
      )
      connection.send({ text: 'Hello!' })
      connection.send({ text: 'Another message' })
    })
    connection?.close()
    expect(received).toEqual([{ echo: { text: 'Hello!' } }, { echo: { text: 'Another message' } }])
  })

  it('serves the tutorial HTML client next to the WebSocket routes, and 404s unknown upgrades', async () => {
    const page = await fetch(`http://${base}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<h1>WebSocket Echo Chat</h1>')
    expect((await fetch(`http://${base}/style.css`)).headers.get('content-type')).toMatch(/^text\/css/)
    const unknown = new WebSocket(`ws://${base}/api/nope`)
    const status = await new Promise<number | undefined>((resolve) =>
      unknown.on('unexpected-response', (_req, res) => resolve(res.statusCode)).on('open', () => resolve(undefined)),
    )
    expect(status).toBe(404)
  })
})
