import type { IncomingMessage, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { defineRoute } from '@wsbridge/core'
import { openClient, rawHttpRequest, rawUpgradeRequest } from '@wsbridge/conformance'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { createExpressWebSocketServer, type ExpressWebSocketServer } from '../src/index.js'

// The seed tutorial's Express setup, verbatim apart from the port: the user owns the 'upgrade'
// event and re-emits 'connection' from the handleUpgrade callback.
const routes = {
  chat: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => connection.send({ type: 'system', message: 'Welcome to the chat!' }),
      onMessage: (message, connection) => connection.send({ type: 'echo', message }),
    },
  }),
}

let server: Server
let wss: ExpressWebSocketServer<typeof routes>
let base: { ws: string; http: string }
const connectionEvents: { ws: WebSocket; url: string | undefined }[] = []
/** The bridge's log lines: the unknown path's development hint is asserted here instead of printed. */
const logged: string[] = []
const logger = { error: (line: string) => void logged.push(line), warn: (line: string) => void logged.push(line) }

beforeAll(async () => {
  const app = express()
  app.get('/api/status', (_request, response) => void response.json({ ok: true }))
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  wss = createExpressWebSocketServer(routes, { prefix: '/api', logger })
  wss.on('connection', (ws: WebSocket, request: IncomingMessage) => connectionEvents.push({ ws, url: request.url }))
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => {
      wss.emit('connection', ws, request)
    })
  })
  const { port } = server.address() as AddressInfo
  base = { ws: `ws://127.0.0.1:${port}`, http: `http://127.0.0.1:${port}` }
})

afterAll(async () => {
  await wss.close()
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe("the tutorial's server.on('upgrade') form", () => {
  it('serves the route; the emitted connection event is harmless and fires once per socket', async () => {
    const client = await openClient(`${base.ws}/api/chat`)
    expect(await client.next()).toEqual({ type: 'system', message: 'Welcome to the chat!' })
    client.send({ text: 'hi' })
    expect(await client.next()).toEqual({ type: 'echo', message: { text: 'hi' } })
    expect(connectionEvents.map((e) => e.url)).toEqual(['/api/chat'])
    // The ws handed to the callback is the very socket core drives.
    expect([...wss.bridge.connections].map((c) => (c as unknown as { raw: unknown }).raw)).toContain(connectionEvents[0]!.ws)
    client.close(1000, 'done')
    expect(await client.waitClose()).toEqual({ code: 1000, reason: 'done' })
  })

  it("keeps Express's own routes working on the same port and 404s unknown ws paths", async () => {
    const status = await rawHttpRequest(base.http, { path: '/api/status' })
    expect(status.status).toBe(200)
    expect(JSON.parse(status.body)).toEqual({ ok: true })
    expect((await rawUpgradeRequest(base.http, '/api/unknown')).status).toBe(404)
    expect(logged).toEqual([expect.stringContaining('no route at "/api/unknown"; this bridge serves "/api/chat"')])
  })
})
