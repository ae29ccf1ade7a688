import { createBridge, defineRoute, type Connection, type WsError } from '@wsbridge/core'
import { describe, expect, it } from 'vitest'
import type { CloudflareWebSocket } from '../src/index.js'
import { ObjectPubSub } from '../src/object-pubsub.js'
import { attachmentOf, DurableObjectSocket } from '../src/socket.js'

/** A workerd socket stand-in whose attachment store can be made to refuse (as workerd does past 2,048 bytes). */
function fakeSocket(refuse: boolean): CloudflareWebSocket & { sent: unknown[] } {
  let attachment: unknown = null
  return {
    sent: [],
    readyState: 1,
    accept() {},
    send(message) {
      this.sent.push(message)
    },
    close() {},
    serializeAttachment(value) {
      if (refuse) throw new Error('attachment too large')
      attachment = structuredClone(value)
    },
    deserializeAttachment: () => attachment,
    addEventListener() {},
  }
}

async function openOn(raw: CloudflareWebSocket, errors: WsError[]): Promise<Connection & { socket: DurableObjectSocket }> {
  const routes = {
    room: defineRoute({
      kind: 'ws',
      path: '/room/:id',
      handler: {
        onMessage: (message, connection) => {
          // Changed in place, as handlers do: no (un)subscribe follows.
          const context = connection.context as { note?: unknown }
          context.note = (message as { note?: unknown }).note
        },
      },
    }),
  }
  const bridge = createBridge(routes, { logger: false, onError: (error) => void errors.push(error) })
  const match = bridge.match('http://h/room/7?q=1')!
  const decision = await bridge.authorize({ url: match.url.href, headers: {} }, match)
  if (!decision.ok) throw new Error(decision.message)
  const socket = new DurableObjectSocket(raw, new ObjectPubSub((member) => (member as DurableObjectSocket).persist()))
  bridge.open(decision, socket)
  socket.persist()
  return Object.assign([...bridge.connections][0]!, { socket })
}

describe('the attachment a socket carries across hibernation', () => {
  it('holds the connection snapshot, updated on every topic change', async () => {
    const raw = fakeSocket(false)
    const connection = await openOn(raw, [])
    expect(attachmentOf(raw)).toEqual({
      id: connection.id,
      route: 'room',
      url: 'ws://h/room/7?q=1',
      ip: '',
      user: undefined,
      context: {},
      topics: [],
      // Heard from just now: the attachment's time of the client's last frame.
      silentFor: 0,
    })
    connection.subscribe('x')
    expect(attachmentOf(raw)?.topics).toEqual(['x'])
    connection.unsubscribe('x')
    expect(attachmentOf(raw)?.topics).toEqual([])
  })

  it('holds the context as a message handler changed it, without waiting for a topic change', async () => {
    const raw = fakeSocket(false)
    const connection = await openOn(raw, [])
    connection.socket.message(JSON.stringify({ note: 'kept' }), false)
    expect(attachmentOf(raw)?.context).toEqual({ note: 'kept' })
  })

  it('reports a snapshot workerd refuses to keep to the error hooks, and keeps the socket open', async () => {
    const errors: WsError[] = []
    await openOn(fakeSocket(true), errors)
    expect(errors.map((error) => [error.code, error.message])).toEqual([['INTERNAL', 'Connection state cannot be kept across hibernation']])
  })
})
