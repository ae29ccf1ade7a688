import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { setupBridge, type ResumeGap } from '../../src/client/index.js'
import { defineRoute } from '../../src/index.js'
import { roomTopic } from '../../src/pubsub/topics.js'
import { startWsHost, type WsTestHost } from './ws-host.js'

/** `/feed/:room` subscribes to `feed:<room>` on open; `{ kick: true }` drops the socket (network loss). */
const routes = {
  feed: defineRoute({
    kind: 'ws',
    path: '/feed/:room',
    resume: { buffer: 5 },
    handler: {
      onOpen: (connection) => connection.subscribe(`feed:${connection.params.room}`),
      onMessage: (message, connection) => void ((message as { kick?: boolean }).kick && connection.terminate()),
    },
  }),
  plain: defineRoute({ kind: 'ws', handler: { onOpen: (c) => c.subscribe('plain'), onMessage: () => undefined } }),
  /** Joins room `lobby` on open; `{ say }` broadcasts to the room, `{ kick }` drops the socket. */
  rooms: defineRoute({
    kind: 'ws',
    resume: true,
    handler: {
      onOpen: (c) => c.joinRoom('lobby'),
      onMessage: (message, c) => {
        const { kick, say } = message as { kick?: boolean; say?: string }
        if (kick) c.terminate()
        else c.broadcast({ say }, { rooms: ['lobby'] })
      },
    },
  }),
}

let host: WsTestHost
beforeAll(async () => void (host = await startWsHost(routes, { prefix: '/api' })))
afterAll(() => host.close())

async function waitFor(check: () => boolean, what: string, timeout = 3000): Promise<void> {
  const deadline = Date.now() + timeout
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

function connect(room: string) {
  const received: unknown[] = []
  const gaps: ResumeGap[] = []
  // A fixed ~600 ms reconnect delay leaves time to publish while the client is away.
  const { $ws } = setupBridge(routes, { baseUrl: `${host.wsUrl}/api`, WebSocket, reconnect: { initialDelay: 600, random: () => 0.99 } })
  const conn = $ws.feed({ room }, { onMessage: (m) => void received.push(m), onResumeGap: (g) => void gaps.push(g) })
  return { conn, received, gaps }
}

const publish = (topic: string, from: number, to: number): void => {
  for (let n = from; n <= to; n++) host.bridge.publish(topic, { n })
}
const ns = (values: unknown[]) => values.map((v) => (v as { n: number }).n)

describe('resume after reconnect', () => {
  it('replays exactly the messages published while the client was away, then continues live', async () => {
    const { conn, received, gaps } = connect('a')
    await conn.opened()
    await waitFor(() => host.bridge.subscriberCount('feed:a') === 1, 'subscription')
    publish('feed:a', 1, 3)
    await waitFor(() => received.length === 3, 'first three')
    conn.send({ kick: true })
    await waitFor(() => host.bridge.subscriberCount('feed:a') === 0 && conn.state === 'reconnecting', 'the drop')
    publish('feed:a', 4, 6)
    await waitFor(() => conn.reconnects === 1 && received.length === 6, 'replay')
    publish('feed:a', 7, 7)
    await waitFor(() => received.length === 7, 'live message')
    expect(ns(received)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(gaps).toEqual([])
    conn.close()
  })

  it('reports a gap when the buffer no longer holds everything, and replays what it has', async () => {
    const { conn, received, gaps } = connect('b')
    await conn.opened()
    await waitFor(() => host.bridge.subscriberCount('feed:b') === 1, 'subscription')
    publish('feed:b', 1, 2)
    await waitFor(() => received.length === 2, 'first two')
    conn.send({ kick: true })
    await waitFor(() => conn.state === 'reconnecting', 'the drop')
    publish('feed:b', 3, 10) // 8 messages, the buffer keeps 5 (seq 6..10)
    await waitFor(() => conn.reconnects === 1 && received.length === 7, 'replay')
    expect(ns(received)).toEqual([1, 2, 6, 7, 8, 9, 10])
    expect(gaps).toEqual([{ topic: 'feed:b', after: 2, next: 6 }])
    conn.close()
  })

  it('stamps resume topics on the wire and leaves other topics untouched', async () => {
    const frames: string[] = []
    const raw = new WebSocket(`${host.wsUrl}/api/feed/c`)
    const plain = new WebSocket(`${host.wsUrl}/api/plain`)
    const plainFrames: string[] = []
    raw.on('message', (data) => void frames.push(String(data)))
    plain.on('message', (data) => void plainFrames.push(String(data)))
    await waitFor(() => host.bridge.subscriberCount('feed:c') === 1 && host.bridge.subscriberCount('plain') === 1, 'subscriptions')
    host.bridge.publish('feed:c', { hello: 1 })
    host.bridge.publish('plain', { hello: 2 })
    await waitFor(() => frames.length === 1 && plainFrames.length === 1, 'one frame each')
    expect(plainFrames[0]).toBe('{"hello":2}')
    expect(frames[0]).toMatch(/^\{"~":"msg","t":"feed:c","e":"[0-9a-f]{8}","s":1,"d":\{"hello":1\}\}$/)
    raw.close()
    plain.close()
  })

  it('resumes room broadcasts sent by other connections while away', async () => {
    const { $ws } = setupBridge(routes, { baseUrl: `${host.wsUrl}/api`, WebSocket, reconnect: { initialDelay: 600, random: () => 0.99 } })
    const heard: unknown[] = []
    const listener = $ws.rooms({}, { onMessage: (m) => void heard.push(m) })
    const speaker = $ws.rooms({})
    await Promise.all([listener.opened(), speaker.opened()])
    await waitFor(() => host.bridge.subscriberCount(roomTopic('rooms', 'lobby')) === 2, 'both joined')
    speaker.send({ say: 'one' })
    await waitFor(() => heard.length === 1, 'first broadcast')
    listener.send({ kick: true })
    await waitFor(() => listener.state === 'reconnecting', 'the drop')
    speaker.send({ say: 'two' })
    speaker.send({ say: 'three' })
    await waitFor(() => listener.reconnects === 1 && heard.length === 3, 'replay')
    expect(heard).toEqual([{ say: 'one' }, { say: 'two' }, { say: 'three' }])
    listener.close()
    speaker.close()
  })
})
