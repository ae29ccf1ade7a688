import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { setupBridge } from '../../src/client/index.js'
import { socketError } from '../../src/client/socket-listener.js'
import { defineRoute } from '../../src/index.js'

// A refused upgrade, as a newcomer meets it: the client's error names the URL it tried (never the
// query, which may carry a token) and, where the runtime reports it, the HTTP status.
const routes = { chat: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }) }

let server: Server
let base: string
beforeAll(async () => {
  server = createServer((_request, response) => response.end())
  server.on('upgrade', (_request, socket) => socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('connect errors', () => {
  it('name the URL without its query, and the status when the runtime gives it', async () => {
    const { $ws } = setupBridge(routes, { baseUrl: base, WebSocket: WebSocket as never })
    const errors: Error[] = []
    const chat = $ws.chat({ token: 'secret' }, { reconnect: false, onError: (error) => void errors.push(error) })
    await expect.poll(() => errors.length).toBeGreaterThan(0)
    chat.close()
    expect(errors[0]?.message).toBe(`[wsbridge] could not connect to ${base}/chat: Unexpected server response: 403`)
    expect(errors.map((e) => e.message).join('\n')).not.toContain('secret')
  })

  it('say the status is not exposed when the runtime gives no reason (browsers), and keep an open socket apart', () => {
    expect(socketError('ws://h/api/chat?token=x', false, undefined).message).toBe(
      '[wsbridge] could not connect to ws://h/api/chat: refused or unreachable (this runtime does not expose the HTTP status; the server logs why it refused an upgrade)',
    )
    expect(socketError('ws://h/api/chat?token=x', true, 'read ECONNRESET').message).toBe(
      '[wsbridge] WebSocket error on ws://h/api/chat: read ECONNRESET',
    )
  })
})
