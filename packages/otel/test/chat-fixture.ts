import { defineRoute } from '@wsbridge/core'
import * as v from 'valibot'
import WebSocket from 'ws'

/** A chat route whose `say` publishes to `room`: the traced path from one instance to another. */
export const routes = {
  chat: defineRoute({
    kind: 'ws',
    handler: { onOpen: (connection) => connection.subscribe('room') },
    messages: {
      say: {
        schema: v.object({ type: v.literal('say'), text: v.string(), traceparent: v.optional(v.string()) }),
        handler: (message, connection) => void connection.publish('room', { text: message.text }),
      },
    },
  }),
}

/** A `ws` client whose `next()` answers its frames in arrival order, parsed. */
export function open(url: string): Promise<{ socket: WebSocket; next(): Promise<unknown> }> {
  const socket = new WebSocket(url)
  const queue: unknown[] = []
  const waiting: ((value: unknown) => void)[] = []
  socket.on('message', (data) => {
    const value = JSON.parse(String(data))
    const waiter = waiting.shift()
    if (waiter) waiter(value)
    else queue.push(value)
  })
  return new Promise((resolve, reject) => {
    socket.once('error', reject)
    socket.once('open', () =>
      resolve({ socket, next: () => (queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise((r) => waiting.push(r))) }),
    )
  })
}
