import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketServer, type WebSocket } from 'ws'
import { openClient } from '../src/client.js'

// A plain ws server whose behaviour is chosen by the path: the client helper against real sockets.
let wss: WebSocketServer
let base: string

beforeAll(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  wss.on('connection', (socket: WebSocket, request) => {
    if (request.url === '/greet') socket.send(JSON.stringify({ hello: 'there' }))
    if (request.url === '/bye') socket.close(4321, 'see you')
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }))
  })
  await new Promise((resolve) => wss.once('listening', resolve))
  base = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`
})

afterAll(async () => {
  for (const client of wss.clients) client.terminate()
  await new Promise((resolve) => wss.close(resolve))
})

describe('openClient', () => {
  it('records a frame the server sends right after the handshake', async () => {
    const client = await openClient(`${base}/greet`)
    expect(await client.next()).toEqual({ hello: 'there' })
    client.terminate()
  })

  it('parses text as JSON, keeps non-JSON text as-is and binary as bytes, in order', async () => {
    const client = await openClient(`${base}/echo`, { onOpen: (c) => c.send({ n: 1 }) })
    client.sendText('not json')
    client.sendBinary(Uint8Array.from([9, 8, 7]))
    const [json, text, bytes] = await client.take(3)
    expect(json).toEqual({ n: 1 })
    expect(text).toBe('not json')
    expect(bytes).toBeInstanceOf(Uint8Array)
    expect(Array.from(bytes as Uint8Array)).toEqual([9, 8, 7])
    client.terminate()
  })

  it('times out when fewer frames than asked for arrive, naming what did arrive', async () => {
    const client = await openClient(`${base}/echo`)
    client.send('only one')
    await expect(client.take(2, 150)).rejects.toThrow(/timed out after 150ms.*only one/)
    client.terminate()
  })

  it('reports the close code and reason the server sent, and fails waits on a closed socket', async () => {
    const client = await openClient(`${base}/bye`)
    expect(await client.waitClose()).toEqual({ code: 4321, reason: 'see you' })
    await expect(client.next(1000)).rejects.toThrow(/socket closed \(4321/)
  })

  it('rejects a refused upgrade with the HTTP status', async () => {
    const refusing = new WebSocketServer({ host: '127.0.0.1', port: 0, verifyClient: (_info, done) => done(false, 403) })
    await new Promise((resolve) => refusing.once('listening', resolve))
    const url = `ws://127.0.0.1:${(refusing.address() as AddressInfo).port}`
    await expect(openClient(url)).rejects.toMatchObject({ status: 403 })
    await new Promise((resolve) => refusing.close(resolve))
  })

  it('rejects when nothing listens', async () => {
    const unused = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    await new Promise((resolve) => unused.once('listening', resolve))
    const url = `ws://127.0.0.1:${(unused.address() as AddressInfo).port}`
    await new Promise((resolve) => unused.close(resolve))
    await expect(openClient(url)).rejects.toThrow()
  })
})
