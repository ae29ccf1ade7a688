import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { defineRoute, tokenAuth } from '../src/index.js'
import { MAX_REFRESH_TOKEN_LENGTH, refreshToken } from '../src/security/auth-refresh-frame.js'
import { startWsHost, type WsTestHost } from './client/ws-host.js'

/** Tokens are `<user>:<ms to live>`; `bad` is refused 4401, `banned` 4403. */
const routes = {
  secure: defineRoute({
    kind: 'ws',
    auth: tokenAuth((token) => {
      const [user, ttl] = token.split(':')
      if (user === 'bad') return null
      if (user === 'banned') return { success: false as const, code: 4403, reason: 'Banned' }
      return { success: true as const, data: { id: user! }, expiresAt: ttl ? Date.now() + Number(ttl) : undefined }
    }),
    handler: { onMessage: (message, connection) => connection.send({ echo: message, user: connection.user }) },
  }),
  open: defineRoute({ kind: 'ws', handler: { onMessage: (message, connection) => connection.send({ echo: message }) } }),
}

let host: WsTestHost | undefined
afterEach(async () => {
  await host?.close()
  host = undefined
})

interface Peer {
  readonly frames: unknown[]
  readonly closed: Promise<{ code: number; reason: string }>
  send(value: unknown): void
  next(): Promise<unknown>
}

async function connect(path: string): Promise<Peer> {
  const socket = new WebSocket(`${host!.wsUrl}${path}`)
  const frames: unknown[] = []
  let taken = 0
  socket.on('message', (data) => frames.push(JSON.parse(String(data))))
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  )
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  return {
    frames,
    closed,
    send: (value) => socket.send(typeof value === 'string' ? value : JSON.stringify(value)),
    async next() {
      const deadline = Date.now() + 3000
      while (frames.length <= taken) {
        if (Date.now() > deadline) throw new Error('no frame')
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      return frames[taken++]
    },
  }
}

describe('token expiry on live connections (real sockets)', () => {
  it('announces the expiry at open and closes 4401 "Token expired" when it passes', async () => {
    host = await startWsHost(routes)
    const peer = await connect('/secure?token=alice:300')
    expect(await peer.next()).toEqual({ '~': 'auth', expiresIn: expect.any(Number) })
    const started = Date.now()
    expect(await peer.closed).toEqual({ code: 4401, reason: 'Token expired' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(200)
  })

  it('a refresh frame checked by the same hook extends the connection without reconnecting and replaces user', async () => {
    host = await startWsHost(routes)
    const peer = await connect('/secure?token=alice:400')
    await peer.next()
    peer.send({ '~': 'auth', token: 'alice' })
    expect(await peer.next()).toEqual({ '~': 'auth', expiresIn: null })
    await new Promise((resolve) => setTimeout(resolve, 600))
    peer.send({ text: 'still open' })
    expect(await peer.next()).toEqual({ echo: { text: 'still open' }, user: { id: 'alice' } })
  })

  it('a refused refresh closes with the hook code, a changed user with 4403, a malformed frame with 4401', async () => {
    host = await startWsHost(routes)
    const cases: [unknown, { code: number; reason: string }][] = [
      [
        { '~': 'auth', token: 'bad' },
        { code: 4401, reason: 'Invalid token' },
      ],
      [
        { '~': 'auth', token: 'banned' },
        { code: 4403, reason: 'Banned' },
      ],
      [
        { '~': 'auth', token: 'mallory' },
        { code: 4403, reason: 'User changed on refresh' },
      ],
      ['{"~":"auth","token":42}', { code: 4401, reason: 'Invalid token refresh' }],
      ['{"~":"auth"', { code: 4401, reason: 'Invalid token refresh' }],
    ]
    for (const [frame, outcome] of cases) {
      const peer = await connect('/secure?token=alice:60000')
      await peer.next()
      peer.send(frame)
      expect(await peer.closed, JSON.stringify(frame)).toEqual(outcome)
    }
  })

  it('a route without auth treats the frame as an ordinary message', async () => {
    host = await startWsHost(routes)
    const peer = await connect('/open')
    peer.send({ '~': 'auth', token: 'x' })
    expect(await peer.next()).toEqual({ echo: { '~': 'auth', token: 'x' } })
  })
})

describe('refresh frame parsing (hostile input)', () => {
  it('yields a token only for {"~":"auth","token":<1..8192 chars>}, never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ '~': 'auth', token: v })),
        ),
        (text) => {
          const token = refreshToken(text)
          if (token === undefined) return
          expect(typeof token).toBe('string')
          expect(token.length).toBeGreaterThan(0)
          expect(token.length).toBeLessThanOrEqual(MAX_REFRESH_TOKEN_LENGTH)
          expect((JSON.parse(text) as { token: unknown }).token).toBe(token)
        },
      ),
    )
    expect(refreshToken(JSON.stringify({ '~': 'auth', token: 'x'.repeat(MAX_REFRESH_TOKEN_LENGTH + 1) }))).toBeUndefined()
    expect(refreshToken('{"~":"auth","token":"__proto__"}')).toBe('__proto__')
  })
})
