import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { defineRoute } from '@wsbridge/core'
import { delay, openClient, rawUpgradeRequest } from '@wsbridge/conformance'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import { createNodeWebSocketServer } from '../src/index.js'

const opened: string[] = []
const routes = {
  echo: defineRoute({ kind: 'ws', handler: { onMessage: (message, connection) => connection.send({ echo: message }) } }),
  guarded: defineRoute({
    kind: 'ws',
    auth: async ({ query }) => {
      await delay(Number(query['wait'] ?? 0))
      return query['token'] === 'good' ? { name: 'ok' } : null
    },
    handler: { onOpen: (connection) => void opened.push(connection.id), onMessage: () => undefined },
  }),
}

/** The bridges' log lines (refusals, development hints): tests provoke them and assert here instead of printing. */
const logged: string[] = []
const logger = { error: (line: string) => void logged.push(line), warn: (line: string) => void logged.push(line) }

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  opened.length = 0
  logged.length = 0
})

async function listen(server: Server): Promise<{ ws: string; http: string }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })
  const { port } = server.address() as AddressInfo
  return { ws: `ws://127.0.0.1:${port}`, http: `http://127.0.0.1:${port}` }
}

function bridgeServer(options: Parameters<typeof createNodeWebSocketServer>[1] = { prefix: '/api' }) {
  const wss = createNodeWebSocketServer(routes, { logger, ...options })
  cleanups.push(() => wss.close())
  return wss
}

describe('handleUpgrade from the user’s own upgrade listener', () => {
  it('upgrades matched paths, 404s the rest, and emits connection once when no callback is given', async () => {
    const wss = bridgeServer()
    const server = createServer()
    server.on('upgrade', (request, socket, head) => wss.handleUpgrade(request, socket, head))
    const seen: string[] = []
    wss.on('connection', (_ws: WebSocket, request: IncomingMessage) => seen.push(request.url ?? ''))
    const url = await listen(server)
    const client = await openClient(`${url.ws}/api/echo`)
    client.send('hi')
    expect(await client.next()).toEqual({ echo: 'hi' })
    expect(seen).toEqual(['/api/echo'])
    expect((await rawUpgradeRequest(url.http, '/api/nope')).status).toBe(404)
    expect(logged).toEqual([expect.stringContaining('no route at "/api/nope"; this bridge serves "/api/echo", "/api/guarded"')])
    client.terminate()
  })

  it('gives the socket to a callback instead of emitting connection', async () => {
    const wss = bridgeServer()
    const server = createServer()
    const viaCallback: WebSocket[] = []
    let emitted = 0
    wss.on('connection', () => emitted++)
    server.on('upgrade', (request, socket, head) => wss.handleUpgrade(request, socket, head, (ws) => viaCallback.push(ws)))
    const url = await listen(server)
    const client = await openClient(`${url.ws}/api/echo`)
    client.send(1)
    expect(await client.next()).toEqual({ echo: 1 })
    expect(viaCallback).toHaveLength(1)
    expect(emitted).toBe(0)
    client.terminate()
  })
})

describe('attach next to another upgrade listener', () => {
  it('leaves paths it does not serve to the other listener, whichever was added first', async () => {
    for (const otherFirst of [true, false]) {
      const wss = bridgeServer()
      const other = new WebSocketServer({ noServer: true })
      other.on('connection', (ws) => ws.on('message', (data) => ws.send(`other:${String(data)}`)))
      const server = createServer()
      const otherListener = (request: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): void => {
        if (request.url === '/other') other.handleUpgrade(request, socket, head, (ws) => other.emit('connection', ws, request))
      }
      if (otherFirst) server.on('upgrade', otherListener)
      wss.attach(server)
      if (!otherFirst) server.on('upgrade', otherListener)
      const url = await listen(server)
      const theirs = await openClient(`${url.ws}/other`)
      theirs.sendText('x')
      expect((await theirs.nextFrame()).kind === 'text').toBe(true)
      const ours = await openClient(`${url.ws}/api/echo`)
      ours.send('y')
      expect(await ours.next()).toEqual({ echo: 'y' })
      theirs.terminate()
      ours.terminate()
      other.close()
    }
  })
})

describe('upgrade decisions', () => {
  it('answers a refused upgrade with the HTTP status and never opens a socket', async () => {
    const wss = bridgeServer()
    const url = await listen(wss.attach(createServer()))
    const refused = await rawUpgradeRequest(url.http, '/api/guarded?token=bad')
    expect(refused.status).toBe(401)
    expect(refused.body).toBe('Unauthorized')
    expect(logged).toEqual([expect.stringContaining('route "guarded"\'s auth hook refused an upgrade with 401')])
    expect((await rawUpgradeRequest(url.http, '/api/guarded?token=good')).status).toBe(101)
    await delay(20)
    expect(opened).toHaveLength(1)
  })

  it('does not upgrade a socket that closed while auth was running', async () => {
    const wss = bridgeServer()
    const url = await listen(wss.attach(createServer()))
    const { connect } = await import('node:net')
    const socket = connect(Number(new URL(url.http).port), '127.0.0.1')
    socket.on('error', () => undefined)
    socket.write(
      'GET /api/guarded?token=good&wait=100 HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    )
    await delay(30)
    socket.destroy()
    await delay(200)
    expect(opened).toEqual([])
    expect(wss.bridge.connections.size).toBe(0)
  })

  it('echoes the subprotocol core accepted', async () => {
    const wss = bridgeServer()
    const url = await listen(wss.attach(createServer()))
    const client = await openClient(`${url.ws}/api/echo`, { protocols: ['chat.v2', 'chat.v1'] })
    expect(client.raw.protocol).toBe('chat.v2')
    client.terminate()
  })

  it('closes a message over maxPayloadLength with 1009 and reports PAYLOAD_TOO_LARGE', async () => {
    const codes: string[] = []
    const wss = bridgeServer({ prefix: '/api', maxPayloadLength: 1024, onError: (error) => void codes.push(error.code) })
    const url = await listen(wss.attach(createServer()))
    const client = await openClient(`${url.ws}/api/echo`)
    client.sendText(JSON.stringify('x'.repeat(2000)))
    expect((await client.waitClose()).code).toBe(1009)
    expect(codes).toContain('PAYLOAD_TOO_LARGE')
    expect(logged).toEqual([expect.stringMatching(/^\[wsbridge\] PAYLOAD_TOO_LARGE route=echo .*: Message is too large$/)])
  })

  it('close() sends 1001 to every client and stops upgrading', async () => {
    const wss = createNodeWebSocketServer(routes, { prefix: '/api' })
    const server = createServer()
    const url = await listen(wss.attach(server))
    const clients = await Promise.all([0, 1].map(() => openClient(`${url.ws}/api/echo`)))
    await wss.close()
    for (const client of clients) expect((await client.waitClose()).code).toBe(1001)
    expect(server.listenerCount('upgrade')).toBe(0)
  })
})
