import { createServer } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { defineRoute } from '@wsbridge/core'
import { openClient } from '@wsbridge/conformance'
import { afterEach, describe, expect, it } from 'vitest'
import { createNodeWebSocketServer } from '../src/index.js'

const routes = { echo: defineRoute({ kind: 'ws', handler: { onMessage: (message, connection) => connection.send({ echo: message }) } }) }
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const HEADERS_TIMEOUT = 1000
const CHECK_INTERVAL = 250

/**
 * A handshake that never finishes: the request line and a header, then one more header line every
 * 200 ms (a slowloris trickle), never the blank line. Resolves when the server ends the connection,
 * with what it answered and how long after the request began.
 */
function halfOpenHandshake(port: number): Promise<{ answer: string; after: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const began = performance.now()
    let answer = ''
    let trickle: ReturnType<typeof setInterval> | undefined
    socket.setEncoding('latin1')
    socket.on('connect', () => {
      socket.write('GET /api/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n')
      let n = 0
      trickle = setInterval(() => socket.write(`X-Trickle-${n++}: 1\r\n`), 200)
    })
    socket.on('data', (chunk: string) => void (answer += chunk))
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearInterval(trickle)
      resolve({ answer, after: performance.now() - began })
    })
    cleanups.push(() => {
      clearInterval(trickle)
      socket.destroy()
      reject(new Error('the half-open handshake was never closed'))
    })
  })
}

describe('half-open handshakes on Node (docs/security.md, "Bounded in time")', () => {
  it(`createServer({ headersTimeout: ${HEADERS_TIMEOUT}, connectionsCheckingInterval: ${CHECK_INTERVAL} }) closes a trickled half-sent handshake with 408 within the two, while a WebSocket on the same server keeps working`, async () => {
    const server = createServer({ headersTimeout: HEADERS_TIMEOUT, connectionsCheckingInterval: CHECK_INTERVAL })
    const wss = createNodeWebSocketServer(routes, { prefix: '/api' })
    wss.attach(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanups.push(async () => {
      await wss.close()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    })
    const { port } = server.address() as AddressInfo
    const client = await openClient(`ws://127.0.0.1:${port}/api/echo`)
    cleanups.push(() => client.terminate())

    const { answer, after } = await halfOpenHandshake(port)
    expect(answer).toMatch(/^HTTP\/1\.1 408 /)
    // Node checks the deadline every connectionsCheckingInterval: closed after headersTimeout, at most one interval (plus scheduling) late.
    expect(after).toBeGreaterThanOrEqual(HEADERS_TIMEOUT - 50)
    expect(after).toBeLessThan(HEADERS_TIMEOUT + 2 * CHECK_INTERVAL + 500)
    expect(wss.bridge.connections.size).toBe(1)

    // The WebSocket opened before it, now older than headersTimeout, is untouched: upgraded sockets are no longer timed.
    client.send('still here')
    expect(await client.next()).toEqual({ echo: 'still here' })
  })
})
