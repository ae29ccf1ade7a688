import { createBridge, defineRoute } from '@wsbridge/core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { adoptWsSocket, isWsSocket } from '../../src/transport/index.js'
import { wsPairs, type WsPair } from './ws-pair.js'

// What adapter-hono does with the `ws` socket a Hono Node helper upgraded, on a real connected pair.
let pairs: WsPair[]
let close: () => Promise<void>
beforeAll(async () => void ({ pairs, close } = await wsPairs(1)))
afterAll(() => close())

it('opens the connection over the socket, pre-frames text through its sender, and drops listeners added after it', async () => {
  const { server, client, receivedAt } = pairs[0]!
  expect(isWsSocket(server)).toBe(true)
  expect(isWsSocket({ send() {} })).toBe(false)
  const bridge = createBridge({
    echo: defineRoute({ kind: 'ws', handler: { onOpen: (c) => void c.send({ welcome: true }), onMessage: (m, c) => void c.send(m) } }),
  })
  const match = bridge.match('ws://localhost/echo')!
  const decision = await bridge.authorize({ url: match.url.href, headers: {}, ip: '127.0.0.1' }, match)
  if (!decision.ok) throw new Error(decision.message)
  // Counts whole frames handed to ws's sender: pre-framed text never goes through ws.send.
  const sender = (server as unknown as { _sender: { sendFrame(list: unknown[]): void } })._sender
  const sendFrame = sender.sendFrame
  let frames = 0
  sender.sendFrame = function (this: unknown, list: unknown[]) {
    if (list.length === 1) frames++
    return sendFrame.apply(this, [list])
  }
  const helperListener = () => undefined
  adoptWsSocket(bridge, decision, server)
  // A Node helper adds its own listeners right after onOpen, in the same step; they are removed.
  server.on('message', helperListener)
  await Promise.resolve()
  expect(server.listeners('message')).not.toContain(helperListener)
  client.send('"hi"')
  expect(await receivedAt(2)).toEqual(['{"welcome":true}', '"hi"'])
  expect(frames).toBe(2)
  await bridge.close({ timeout: 1000 })
})
