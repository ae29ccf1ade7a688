import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { defineRoute } from '@wsbridge/core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createNodeWebSocketServer } from '../src/index.js'

// Text reaches ws sockets as pre-built frames, one per publish (transport/ws-pre-framing.ts). These
// run over real sockets with permessage-deflate negotiated, where a socket's ws sender can be busy
// compressing a large message when a send or publish arrives: neither may overtake it.
const big = 'x'.repeat(64 * 1024)
const routes = {
  room: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => connection.subscribe('room'),
      onMessage: (message, connection) => {
        if (message === 'big-then-send') {
          connection.send({ big })
          connection.send({ after: 'big' })
        } else if (message === 'big-then-publish') {
          connection.send({ big }) // over the threshold: compressed, asynchronously
          connection.publish('room', { after: 'big' }, { includeSelf: true }) // under it: pre-framed where possible
        } else {
          connection.publish('room', message)
        }
      },
    },
  }),
}

const server = createServer()
const wss = createNodeWebSocketServer(routes, { compression: { enabled: true, threshold: 1024 }, maxConnectionsPerIp: 0 })
wss.attach(server)
let url = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/room`
})
afterAll(async () => {
  await wss.close()
  await new Promise((resolve) => server.close(resolve))
})

function client(): Promise<{ socket: WebSocket; frames: unknown[]; next: (count: number) => Promise<unknown[]> }> {
  const socket = new WebSocket(url)
  const frames: unknown[] = []
  let waiter: (() => void) | undefined
  socket.on('message', (data) => {
    frames.push(JSON.parse(data.toString()))
    waiter?.()
  })
  const next = async (count: number): Promise<unknown[]> => {
    while (frames.length < count) await new Promise<void>((resolve) => (waiter = resolve))
    return frames.splice(0, count)
  }
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, frames, next }))
    socket.once('error', reject)
  })
}

it('delivers a publish intact to every subscriber, in order, with compression negotiated', async () => {
  const clients = await Promise.all(Array.from({ length: 5 }, client))
  expect(clients[0]!.socket.extensions).toContain('permessage-deflate')
  const texts = ['é€😀'.repeat(50), 'a'.repeat(125), 'b'.repeat(126), 'c'.repeat(70_000)]
  for (const text of texts) clients[0]!.socket.send(JSON.stringify(text))
  for (const { next } of clients.slice(1)) expect(await next(texts.length)).toEqual(texts)
  for (const { socket } of clients) socket.close()
})

it('does not let a publish overtake a large message the socket is still compressing', async () => {
  const { socket, next } = await client()
  socket.send(JSON.stringify('big-then-publish'))
  expect(await next(2)).toEqual([{ big }, { after: 'big' }])
  socket.close()
})

it('does not let a lone send overtake a large message the socket is still compressing', async () => {
  const { socket, next } = await client()
  socket.send(JSON.stringify('big-then-send'))
  expect(await next(2)).toEqual([{ big }, { after: 'big' }])
  socket.close()
})
