import { connect, type Socket } from 'node:net'
import { rawUpgradeRequest } from '@wsbridge/conformance'
import { afterAll, beforeAll, expect, test } from 'vitest'
import WebSocket from 'ws'
import { DenoProcess } from './deno-process.js'

// The adapter under real Deno (test/deno-server.ts), driven from Node over the wire.
let deno: DenoProcess
let port: number

beforeAll(async () => {
  ;({ process: deno, port } = await DenoProcess.start('test/deno-server.ts'))
}, 40_000)
afterAll(() => deno?.stop())

const get = async (path: string) => {
  const response = await fetch(`http://127.0.0.1:${port}${path}`)
  return { status: response.status, body: await response.text() }
}
const closes = () => deno.events.filter((event) => event['type'] === 'close')
const openWs = (path: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`)
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })

/** A client that completes the handshake, then writes only `frames` and never answers anything. */
function rawClient(path: string, frames: Buffer): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      )
    })
    socket.once('data', (head) => {
      if (!head.toString().startsWith('HTTP/1.1 101')) return reject(new Error(head.toString()))
      socket.write(frames)
      resolve(socket)
    })
    socket.once('error', reject)
  })
}

/** A masked text frame (mask key 0: the payload goes as is). */
const textFrame = (text: string) => Buffer.concat([Buffer.from([0x81, 0x80 | text.length, 0, 0, 0, 0]), Buffer.from(text)])

test('composes with the app handler: its routes, then wsbridge, then the fallback', async () => {
  expect(await get('/mine')).toEqual({ status: 200, body: 'mine' })
  expect(await get('/elsewhere')).toEqual({ status: 200, body: 'app /elsewhere' })
  // An upgrade outside the prefix is the app's; under it, a path with no route is the bridge's 404.
  const other = await rawUpgradeRequest(`http://127.0.0.1:${port}`, '/other')
  expect([other.status, other.body]).toEqual([200, 'app /other'])
  expect((await rawUpgradeRequest(`http://127.0.0.1:${port}`, '/ws/nope')).status).toBe(404)
  const ws = await openWs('/ws/echo')
  ws.send(JSON.stringify('hi'))
  const [reply] = await new Promise<[WebSocket.RawData]>((resolve) => ws.once('message', (...args) => resolve([args[0]])))
  expect(JSON.parse(reply.toString())).toEqual({ echo: 'hi' })
  ws.close()
  await deno.until((event) => event['type'] === 'close' && event['code'] === 1005)
})

test("a close the peer never answers (Deno's close event never fires) still reaches onClose once, and the socket is freed", async () => {
  const before = closes().length
  const raw = await rawClient('/ws/echo', textFrame('"close"'))
  const gone = new Promise<void>((resolve) => raw.once('close', () => resolve()))
  await deno.until((event) => closes().indexOf(event) >= before)
  // Core's close timeout (300 ms) ended it: the server dropped the TCP connection, nothing is kept.
  await gone
  expect(closes().slice(before)).toEqual([{ type: 'close', code: 1006, reason: 'Close timeout' }])
  expect((await get('/connections')).body).toBe('0')
  await new Promise((resolve) => setTimeout(resolve, 500))
  expect(closes().slice(before)).toHaveLength(1)
})

test('a client that drops its TCP connection (no close frame) reaches onClose as 1006 exactly once', async () => {
  const before = closes().length
  const ws = await openWs('/ws/echo')
  ws.terminate()
  await deno.until((event) => closes().indexOf(event) >= before)
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(closes().slice(before)).toEqual([{ type: 'close', code: 1006, reason: '' }])
  expect((await get('/connections')).body).toBe('0')
})
