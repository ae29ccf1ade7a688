import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { setupBridge } from '../../src/client/index.js'
import { defineRoute, tokenAuth } from '../../src/index.js'
import { startWsHost, type WsTestHost } from './ws-host.js'

/** Tokens are `<user>:<ms to live>`; the server echoes who it thinks the user is. */
const routes = {
  secure: defineRoute({
    kind: 'ws',
    auth: tokenAuth((token) => {
      const [user, ttl] = token.split(':')
      return { success: true as const, data: { id: user! }, expiresAt: ttl ? Date.now() + Number(ttl) : undefined }
    }),
    handler: { onMessage: (_message, connection) => connection.send({ user: connection.user.id }) },
  }),
}

let host: WsTestHost | undefined
afterEach(async () => {
  await host?.close()
  host = undefined
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function connect(token: string, refreshToken?: () => string | Promise<string>) {
  host ??= await startWsHost(routes, { prefix: '/api' })
  const events = { messages: [] as unknown[], errors: [] as Error[], closes: [] as [number, string, boolean][], refreshes: 0 }
  const { $ws } = setupBridge(routes, { baseUrl: `${host.wsUrl}/api`, WebSocket, reconnect: { initialDelay: 20, maxDelay: 50 } })
  const connection = $ws.secure(
    { token },
    {
      onMessage: (message) => void events.messages.push(message),
      onError: (error) => void events.errors.push(error),
      onClose: (code, reason, info) => void events.closes.push([code, reason, info.willReconnect]),
      ...(refreshToken && {
        refreshToken: () => {
          events.refreshes++
          return refreshToken()
        },
      }),
    },
  )
  await connection.opened()
  return { connection, events }
}

describe('client token refresh (real sockets)', () => {
  it('refreshes before each expiry and stays open well past the first token', async () => {
    // Tokens of 1.5 s, refreshed at 80%: each refresh has 300 ms to reach the server before the
    // token it replaces expires (a shorter token left too little for a loaded machine).
    const { connection, events } = await connect('alice:1500', async () => 'alice:1500')
    await sleep(2700)
    expect(connection.state).toBe('open')
    // At about 1.2 s and 2.4 s: open past the first token's expiry and past the second's refresh.
    expect(events.refreshes).toBeGreaterThanOrEqual(2)
    connection.send({})
    await expect.poll(() => events.messages).toEqual([{ user: 'alice' }])
    expect(events.errors).toEqual([])
    connection.close()
  })

  it('without refreshToken the server closes 4401 at expiry, and the expiry frame never reaches onMessage', async () => {
    const { connection, events } = await connect('alice:150')
    await expect.poll(() => events.closes, { timeout: 2000 }).toEqual([[4401, 'Token expired', false]])
    expect(connection.state).toBe('closed')
    expect(events.messages).toEqual([])
  })

  it('a refresh callback that rejects goes to onError; the server closes 4401 and the client does not reconnect', async () => {
    const { connection, events } = await connect('alice:200', () => Promise.reject(new Error('identity provider down')))
    await expect.poll(() => events.closes, { timeout: 2000 }).toEqual([[4401, 'Token expired', false]])
    expect(events.errors.map((error) => error.message)).toEqual(['identity provider down'])
    expect(events.refreshes).toBe(1)
    await sleep(150)
    expect(connection.state).toBe('closed')
    expect(connection.reconnects).toBe(0)
  })

  it('an empty token is reported and not sent', async () => {
    const { events } = await connect('alice:200', () => '')
    await expect.poll(() => events.closes, { timeout: 2000 }).toEqual([[4401, 'Token expired', false]])
    expect(events.errors.map((error) => error.message)).toEqual(['[wsbridge] refreshToken returned no token'])
  })

  it('closing the connection clears the refresh timer', async () => {
    const { connection, events } = await connect('alice:200', () => 'alice:200')
    connection.close()
    await sleep(300)
    expect(events.refreshes).toBe(0)
    expect(events.errors).toEqual([])
  })

  it('a token that does not expire schedules nothing', async () => {
    const { connection, events } = await connect('alice', () => 'alice:100')
    await sleep(200)
    expect(events.refreshes).toBe(0)
    expect(connection.state).toBe('open')
    connection.close()
  })
})
