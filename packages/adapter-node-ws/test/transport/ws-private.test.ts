import { request } from 'node:http'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as ws from 'ws'
import { idleSender, senderClass, sendFrame, wsStatusCode } from '../../src/transport/ws-private.js'
import { wsPairs, type WsPair } from './ws-pair.js'

// Everything of ws's private state wsbridge reads, checked on real connected sockets of the ws
// version installed: a ws release that renames or removes any of it fails here, rather than
// silently sending every message through ws.send (or losing the close code of a protocol error).
const { Sender } = ws as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } }
const textFrame = (text: string): Buffer =>
  Buffer.concat(Sender.frame(Buffer.from(text), { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false }))

let pairs: WsPair[]
let close: () => Promise<void>
beforeAll(async () => void ({ pairs, close } = await wsPairs(2)))
afterAll(() => close())

describe("ws's private sender state, on an open server socket", () => {
  it('has the fields idleSender reads, with the types and idle values it expects', () => {
    const sender = (pairs[0]!.server as unknown as { _sender: Record<string, unknown> })._sender
    expect(typeof sender).toBe('object')
    expect(sender['_state']).toBe(0)
    expect(sender['_firstFragment']).toBe(true)
    expect(typeof sender['sendFrame']).toBe('function')
    expect(senderClass(pairs[0]!.server)).toBe(Sender)
  })

  it('takes a whole frame from sendFrame while idle, and the client receives it', async () => {
    const { server, receivedAt } = pairs[0]!
    const sender = idleSender(server)
    expect(sender).toBeDefined()
    sendFrame(sender!, textFrame('pre-framed'))
    expect(await receivedAt(1)).toEqual(['pre-framed'])
  })

  it('reads as busy while a compressed message is being deflated, and between the fragments of one', async () => {
    const { server, receivedAt } = pairs[1]!
    server.send('x'.repeat(64 * 1024), { compress: true })
    expect(idleSender(server)).toBeUndefined()
    await receivedAt(1)
    expect(idleSender(server)).toBeDefined()
    server.send('first half', { fin: false, compress: false })
    expect(idleSender(server)).toBeUndefined()
    server.send(' and the rest', { fin: true, compress: false })
    expect(idleSender(server)).toBeDefined()
    expect(await receivedAt(2)).toEqual(['x'.repeat(64 * 1024), 'first half and the rest'])
  })

  it('reads as not open once closing, and for anything without the internals', () => {
    expect(idleSender({})).toBeUndefined()
    expect(senderClass({})).toBeUndefined()
    const { server } = pairs[0]!
    server.close(1000, 'bye')
    expect(idleSender(server)).toBeUndefined()
  })
})

describe("ws's private status code on the error it fails a connection for", () => {
  it('is on the error a real server socket emits for an unmasked client frame', async () => {
    const wss = new ws.WebSocketServer({ port: 0, host: '127.0.0.1' })
    await once(wss, 'listening')
    const connected = once(wss, 'connection') as Promise<[ws.WebSocket]>
    const upgrade = request({
      host: '127.0.0.1',
      port: (wss.address() as AddressInfo).port,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    }).end()
    const [[, socket]] = (await Promise.all([once(upgrade, 'upgrade'), connected])) as unknown as [[unknown, import('node:net').Socket]]
    const [server] = await connected
    const failed = once(server, 'error') as Promise<[Error & { code?: string }]>
    socket.write(Buffer.from([0x81, 0x02, 0x7b, 0x7d])) // a text frame `{}`, not masked
    const [error] = await failed
    expect(error.code).toBe('WS_ERR_EXPECTED_MASK')
    expect(wsStatusCode(error)).toBe(1002)
    socket.destroy()
    await new Promise<void>((resolve) => wss.close(() => resolve()))
  })

  it('is undefined for an error ws did not attach one to', () => {
    expect(wsStatusCode(new Error('write EPIPE'))).toBeUndefined()
  })
})
