import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as v from 'valibot'
import { defineRoute, tokenAuth, type WsError } from '../src/index.js'
import { startWsHost, type WsTestHost } from './client/ws-host.js'

const errors: WsError[] = []

const routes = {
  /** Seed 003 as written, in wsbridge's idiom. */
  chat: defineRoute({
    kind: 'ws',
    format: 'text',
    handler: {
      onOpen: (ws) => ws.send('Welcome!'),
      onMessage: (message, ws) => ws.send(`Echo: ${message}`),
    },
  }),
  room: defineRoute({
    kind: 'ws',
    format: 'text',
    path: '/room/:name',
    limits: { maxPayloadLength: 16, rateLimit: { messages: 3, interval: 60_000 } },
    handler: {
      onOpen: (ws) => ws.subscribe(ws.params.name),
      onMessage: (message, ws) => {
        if (message === 'bad') return void ws.send({ not: 'text' } as unknown as string)
        ws.publish(ws.params.name, message, { includeSelf: message.startsWith('all:') })
      },
      onError: (_ws, error) => void errors.push(error),
    },
  }),
  secret: defineRoute({
    kind: 'ws',
    format: 'text',
    auth: tokenAuth((token) => (token === 'ok' ? { name: 'ana' } : null)),
    handler: { onMessage: (message, ws) => ws.send(`${ws.user.name}: ${message}`) },
  }),
  json: defineRoute({ kind: 'ws', input: v.string(), handler: { onMessage: (message, ws) => ws.send(message) } }),
}

let host: WsTestHost
beforeAll(async () => {
  host = await startWsHost(routes, { prefix: '/api', logger: false })
})
afterAll(() => host.close())

interface RawClient {
  readonly socket: WebSocket
  next(): Promise<string>
  closed: Promise<{ code: number; reason: string }>
}

async function open(path: string): Promise<RawClient> {
  const socket = new WebSocket(`${host.wsUrl}/api${path}`)
  const frames: string[] = []
  const waiting: ((frame: string) => void)[] = []
  socket.on('message', (data, isBinary) => {
    const frame = isBinary ? `<binary ${(data as Buffer).length}>` : String(data)
    const waiter = waiting.shift()
    if (waiter) waiter(frame)
    else frames.push(frame)
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  )
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  const next = (): Promise<string> => {
    const frame = frames.shift()
    if (frame !== undefined) return Promise.resolve(frame)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no frame within 2 s')), 2000)
      waiting.push((value) => {
        clearTimeout(timer)
        resolve(value)
      })
    })
  }
  return { socket, next, closed }
}

describe("format: 'text' over real sockets", () => {
  it("seed 003: 'Welcome!' on open and 'Echo: Hello!' for 'Hello!', as the exact text frames", async () => {
    const client = await open('/chat')
    expect(await client.next()).toBe('Welcome!')
    client.socket.send('Hello!')
    expect(await client.next()).toBe('Echo: Hello!')
    client.socket.close()
  })

  it('hands the handler any text unparsed: no INVALID_JSON, JSON-looking text stays text', async () => {
    const client = await open('/chat')
    await client.next()
    for (const text of ['{not json', '"quoted"', '42', '', '{"type":"x"}']) {
      client.socket.send(text)
      expect(await client.next()).toBe(`Echo: ${text}`)
    }
    client.socket.close()
  })

  it('a JSON route still quotes a string: the format is what decides', async () => {
    const client = await open('/json')
    client.socket.send('"hi"')
    expect(await client.next()).toBe('"hi"')
    client.socket.close()
  })

  it('answers the heartbeat ping as every route does', async () => {
    const client = await open('/chat')
    await client.next()
    client.socket.send('{"~":"ping"}')
    expect(await client.next()).toBe('{"~":"pong"}')
    client.socket.close()
  })

  it('publishes text unchanged to subscribers, the sender only with includeSelf; bridge.publish with format text too', async () => {
    const a = await open('/room/r1')
    const b = await open('/room/r1')
    a.socket.send('hi b')
    expect(await b.next()).toBe('hi b')
    a.socket.send('all:x')
    expect(await b.next()).toBe('all:x')
    expect(await a.next()).toBe('all:x')
    expect(host.bridge.publish('r1', 'from the app', { format: 'text' })).toBe(2)
    expect(await a.next()).toBe('from the app')
    expect(await b.next()).toBe('from the app')
    host.bridge.publish('r1', 'json')
    expect(await a.next()).toBe('"json"')
    expect(() => host.bridge.publish('r1', { x: 1 }, { format: 'text' })).toThrow(/format 'text' takes a string/)
    a.socket.close()
    b.socket.close()
  })

  it('does not send a value that is not a string, and reports OUTPUT_VALIDATION_FAILED', async () => {
    errors.length = 0
    const a = await open('/room/r2')
    a.socket.send('bad')
    a.socket.send('all:after')
    expect(await a.next()).toBe('all:after')
    expect(errors.map((error) => error.code)).toEqual(['OUTPUT_VALIDATION_FAILED'])
    a.socket.close()
  })

  it("applies the route's payload limit (1009) and rate limit (1008)", async () => {
    const big = await open('/room/r3')
    big.socket.send('x'.repeat(17))
    expect((await big.closed).code).toBe(1009)
    const fast = await open('/room/r4')
    for (let n = 0; n < 4; n++) fast.socket.send(`all:${n}`)
    expect((await fast.closed).code).toBe(1008)
  })

  it('closes with 1003 on a binary frame when the route has no onBinary', async () => {
    const client = await open('/chat')
    await client.next()
    client.socket.send(new Uint8Array([1, 2, 3]))
    expect((await client.closed).code).toBe(1003)
  })

  it('runs auth: refused without a token, `user` typed and set with one', async () => {
    await expect(open('/secret')).rejects.toThrow(/401/)
    const client = await open('/secret?token=ok')
    client.socket.send('hello')
    expect(await client.next()).toBe('ana: hello')
    client.socket.close()
  })
})

describe('text route definitions', () => {
  const handler = { onMessage: () => undefined }
  it('refuses what only means something for JSON, clearly', () => {
    const define = (extra: Record<string, unknown>) => () => defineRoute({ kind: 'ws', format: 'text', handler, ...extra } as never)
    expect(define({ resume: true })).toThrow(/format 'text' and resume/)
    expect(define({ input: v.string() })).toThrow(/format 'text' and input/)
    expect(define({ messages: {} })).toThrow(/format 'text' and messages/)
    expect(define({ format: 'xml' })).toThrow(/format "xml"; use 'json' or 'text'/)
  })
})
