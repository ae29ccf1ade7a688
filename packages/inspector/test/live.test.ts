import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import { createBridge } from '@wsbridge/core'
import { createTestBridge } from '@wsbridge/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createInspector, type Inspector } from '../src/index.js'
import { routes } from './fixtures/routes.js'

interface Peer {
  socket: WebSocket
  next(match?: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>
}

function open(url: string): Promise<Peer> {
  const socket = new WebSocket(url)
  const queue: Record<string, unknown>[] = []
  const waiting: (() => void)[] = []
  socket.on('message', (data) => {
    queue.push(JSON.parse(String(data)))
    for (const wake of waiting.splice(0)) wake()
  })
  const next = async (match: (m: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> => {
    for (;;) {
      const index = queue.findIndex(match)
      if (index >= 0) return queue.splice(index, 1)[0]!
      await new Promise<void>((resolve) => waiting.push(resolve))
    }
  }
  return new Promise((resolve, reject) => {
    socket.once('error', reject)
    socket.once('open', () => resolve({ socket, next }))
  })
}

describe('the inspector on a real node-ws server', () => {
  let server: Server
  let inspector: Inspector
  let base: string
  let close: () => Promise<void>

  beforeAll(async () => {
    inspector = createInspector()
    const bridge = createBridge({ ...routes, ...inspector.routes }, { prefix: '/api', instrumentation: inspector.instrument() })
    inspector.attach(bridge)
    close = () => bridge.close({ timeout: 500 })
    server = createServer((request, response) => void (inspector.handleNode(request, response) || response.writeHead(404).end()))
    createNodeWebSocketServer(bridge).attach(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('shows connections, topics and traffic, and sends a checked message to one connection', async () => {
    const alice = await open(`ws://${base}/api/room?token=alice`)
    const viewer = await open(`ws://${base}/api/__inspector`)
    const hello = await viewer.next((m) => m['type'] === 'hello')
    expect(Object.keys(hello['routes'] as object)).toEqual(['room'])
    const room = (hello['routes'] as Record<string, { server: Record<string, unknown[]>; messages: object }>)['room']!
    expect(room.server['anyOf'] ?? room.server['oneOf']).toHaveLength(2)
    expect(Object.keys(room.messages)).toEqual(['say'])
    const snapshot = await viewer.next((m) => m['type'] === 'snapshot')
    const [connection] = snapshot['connections'] as { id: string; route: string; user: unknown; topics: string[] }[]
    expect(connection).toMatchObject({
      route: 'room',
      user: { name: 'alice' },
      ip: '127.0.0.1',
      path: '/api/room',
      topics: ['lobby'],
      bufferedAmount: 0,
    })
    expect(snapshot['topics']).toEqual([{ topic: 'lobby', members: [{ id: connection!.id, user: { name: 'alice' } }] }])

    alice.socket.send(JSON.stringify({ type: 'say', text: 'hi' }))
    await alice.next((m) => m['type'] === 'said')
    const log = await viewer.next((m) => m['type'] === 'log' && (m['entries'] as { kind: string }[]).some((e) => e.kind === 'out'))
    expect((log['entries'] as { kind: string; type?: string }[]).map((e) => [e.kind, e.type])).toEqual(
      expect.arrayContaining([
        ['in', 'say'],
        ['publish', 'said'],
        ['out', 'said'],
      ]),
    )

    viewer.socket.send(JSON.stringify({ type: 'send', connection: connection!.id, data: { type: 'notice', text: 'from the inspector' } }))
    expect(await alice.next()).toEqual({ type: 'notice', text: 'from the inspector' })
    expect(await viewer.next((m) => m['type'] === 'result')).toMatchObject({ ok: true })
    // Not what the route promised its clients: refused, nothing sent.
    viewer.socket.send(JSON.stringify({ type: 'send', connection: connection!.id, data: { type: 'notice', text: 42 } }))
    expect(await viewer.next((m) => m['type'] === 'result')).toMatchObject({ ok: false, message: expect.stringMatching(/text/) })
    viewer.socket.send(JSON.stringify({ type: 'publish', topic: 'lobby', data: { type: 'notice', text: 'to everyone' } }))
    expect(await alice.next()).toEqual({ type: 'notice', text: 'to everyone' })
    expect(inspector.log().some((e) => e.kind === 'inject' && e.topics?.[0] === 'lobby')).toBe(true)
    // The inspector's own connection is never listed.
    expect(inspector.snapshot().connections).toHaveLength(1)
    alice.socket.close()
    viewer.socket.close()
  })

  it('refuses the page to other peers on a Node server', () => {
    const written: { status?: number; body?: string | undefined } = {}
    const response = { writeHead: (status: number) => void (written.status = status), end: (body?: string) => void (written.body = body) }
    expect(inspector.handleNode({ url: '/__inspector', method: 'GET', socket: { remoteAddress: '::ffff:10.1.2.3' } }, response)).toBe(true)
    expect(written).toMatchObject({ status: 403, body: expect.stringMatching(/loopback/) })
    expect(inspector.handleNode({ url: '/elsewhere', socket: { remoteAddress: '127.0.0.1' } }, response)).toBe(false)
  })

  it('serves the page to loopback peers', async () => {
    const response = await fetch(`http://${base}/__inspector`)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('"socketPath":"/api/__inspector"')
  })
})

describe('refusing peers that are not loopback', () => {
  for (const token of [undefined, 's3cret']) {
    it(`with ${token ? 'a token' : 'no token'} configured`, async () => {
      const inspector = createInspector(token ? { token } : {})
      const t = createTestBridge({ ...routes, ...inspector.routes }, { instrumentation: inspector.instrument() })
      inspector.attach(t.bridge)
      expect(await t.upgrade('/__inspector', { ip: '10.0.0.7' })).toMatchObject({ ok: false, status: 401 })
      expect(await t.upgrade('/__inspector?token=wrong', { ip: '10.0.0.7' })).toMatchObject({ ok: false, status: 401 })
      expect((await t.upgrade('/__inspector?token=s3cret', { ip: '10.0.0.7' })).ok).toBe(token !== undefined)
      expect((await t.upgrade('/__inspector', { ip: '127.0.0.1' })).ok).toBe(true)
      const page = (query: string, ip: string) => inspector.fetch(new Request(`http://app.test/__inspector${query}`), ip)?.status
      expect(page('', '10.0.0.7')).toBe(403)
      expect(page('?token=s3cret', '10.0.0.7')).toBe(token ? 200 : 403)
      expect(page('', '::1')).toBe(200)
      expect(inspector.fetch(new Request('http://app.test/other'), '::1')).toBeUndefined()
      await t.close()
    })
  }
})
