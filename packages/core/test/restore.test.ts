import { describe, expect, it } from 'vitest'
import { connectionSnapshot, type Transport } from '../src/adapter/index.js'
import { createBridge, defineRoute, type Connection } from '../src/index.js'

/** A transport that records frames; `raw` finds its connection in `bridge.connections`. */
function recorder(): Transport & { frames: string[] } {
  const frames: string[] = []
  return { frames, send: (frame) => void frames.push(String(frame)), close() {}, terminate() {}, bufferedAmount: 0, raw: frames }
}

describe('bridge.restore (a socket that outlived its instance, as after Durable Object hibernation)', () => {
  it('rebuilds id, user, params, query, context and topics without onOpen, and pub/sub reaches it', async () => {
    const opened: string[] = []
    const routes = {
      room: defineRoute({
        kind: 'ws',
        path: '/room/:roomId',
        auth: () => ({ name: 'ada' }),
        context: () => ({ joinedAt: 7 }),
        handler: {
          onOpen: (connection) => {
            opened.push(connection.id)
            connection.subscribe('news')
            connection.joinRoom('lobby')
          },
          onMessage: (message, connection) => connection.send({ echo: message }),
        },
      }),
    }
    const first = createBridge(routes, { logger: false })
    const url = 'http://127.0.0.1/room/r1?x=1'
    const match = first.match(url)!
    const decision = await first.authorize({ url, headers: {}, ip: '127.0.0.1' }, match)
    if (!decision.ok) throw new Error(decision.message)
    const events = first.open(decision, recorder())
    await new Promise((resolve) => setTimeout(resolve, 0))
    const snapshot = structuredClone(connectionSnapshot(events)!)
    expect([...snapshot.topics].sort()).toEqual(['news', 'room:room:lobby'].sort())

    const second = createBridge(routes, { logger: false })
    const socket = recorder()
    const restored = second.restore(snapshot, socket)
    const connection = [...second.connections][0] as Connection
    expect(connection.id).toBe(opened[0])
    expect(opened).toHaveLength(1)
    expect(connection.user).toEqual({ name: 'ada' })
    expect(connection.params).toEqual({ roomId: 'r1' })
    expect(connection.query).toEqual({ x: '1' })
    expect(connection.context).toEqual({ joinedAt: 7 })
    expect([...connection.topics].sort()).toEqual([...snapshot.topics].sort())
    expect(second.publish('news', 'hello')).toBe(1)
    restored.message('{"hi":1}', false)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(socket.frames).toEqual(['"hello"', '{"echo":{"hi":1}}'])
    restored.closed(1000, '')
    expect(connectionSnapshot(restored)).toBeUndefined()
  })

  it('closes a socket whose route is no longer served', () => {
    const bridge = createBridge({ other: defineRoute({ kind: 'ws', handler: { onMessage() {} } }) }, { logger: false })
    const closes: unknown[] = []
    const transport: Transport = {
      send() {},
      close: (code, reason) => void closes.push([code, reason]),
      terminate() {},
      bufferedAmount: 0,
      raw: undefined,
    }
    bridge.restore({ id: 'x', route: 'gone', url: 'http://h/gone', ip: '', user: undefined, context: {}, topics: [] }, transport)
    expect(closes).toEqual([[1001, 'Route no longer served']])
    expect(bridge.connections.size).toBe(0)
  })
})
