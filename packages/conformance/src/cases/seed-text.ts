import { setupBridge, type WebSocketConstructor } from '@wsbridge/core/client'
import WS from 'ws'
import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import type { WireClient } from '../client.js'
import { delay } from '../helpers.js'
import { seedTextRoutes } from '../routes/seed-text.js'

// Bun (and Node 22+) have a global WebSocket; Node 20 gets the `ws` client.
const WebSocketImpl = ((globalThis as { WebSocket?: WebSocketConstructor }).WebSocket ?? WS) as WebSocketConstructor

/** The next frame, which must be a text frame: returns its exact text (never JSON-decoded). */
async function nextText(client: WireClient): Promise<string> {
  const frame = await client.nextFrame()
  expect(frame.kind).toBe('text')
  return frame.kind === 'text' ? frame.text : ''
}

/**
 * The text-route examples (a welcome on open, an echo) on every host, and raw text routes' wire properties: what a text route
 * sends is the string itself in a text frame (not JSON-quoted), and what it receives is handed over
 * unparsed. A host that re-encoded or parsed text would fail here.
 */
export const seedTextGroup = defineCaseGroup({
  name: 'text routes',
  cases: [
    {
      name: "onOpen sends 'Welcome!' and a message is answered with Echo: <message>, as exact text frames",
      async run(ctx) {
        const client = await ctx.connect('/seed/text/chat')
        expect(await nextText(client)).toBe('Welcome!')
        client.sendText('Hello!')
        expect(await nextText(client)).toBe('Echo: Hello!')
      },
    },
    {
      name: "ws.send('Hello!') is answered with the text frame 'Echo: Hello!'",
      async run(ctx) {
        const client = await ctx.connect('/seed/text/echo')
        client.sendText('Hello!')
        expect(await nextText(client)).toBe('Echo: Hello!')
      },
    },
    {
      name: 'text that is not JSON, or only looks like it, reaches the handler as it was sent (no INVALID_JSON)',
      async run(ctx) {
        const client = await ctx.connect('/seed/text/echo')
        const texts = ['{not json', '"quoted"', '42', '', '{"type":"error"}', 'naïve café 👋🏽 مرحبا e\u0301']
        for (const text of texts) client.sendText(text)
        for (const text of texts) expect(await nextText(client)).toBe(`Echo: ${text}`)
      },
    },
    {
      name: 'text published to a topic reaches every subscriber unchanged; the sender only with includeSelf',
      async run(ctx) {
        const room = ctx.token()
        const a = await ctx.connect(`/text/room/${room}`)
        const b = await ctx.connect(`/text/room/${room}`)
        a.sendText('hello b')
        expect(await nextText(b)).toBe('hello b')
        a.sendText('all: everyone')
        expect(await nextText(b)).toBe('all: everyone')
        expect(await nextText(a)).toBe('all: everyone')
        expect(a.frames).toHaveLength(1)
      },
    },
    {
      name: "a text frame over the route's own payload limit closes with 1009",
      async run(ctx) {
        const client = await ctx.connect('/text/small')
        client.sendText('x'.repeat(32))
        expect(await nextText(client)).toBe('x'.repeat(32))
        client.sendText('x'.repeat(33))
        expect((await client.waitClose()).code).toBe(1009)
      },
    },
    {
      name: 'a binary frame on a text route without onBinary closes with 1003',
      async run(ctx) {
        const client = await ctx.connect('/seed/text/echo')
        client.sendBinary(new Uint8Array([1, 2, 3]))
        expect((await client.waitClose()).code).toBe(1003)
      },
    },
    {
      name: 'typed client: a text route sends and receives strings unchanged',
      async run(ctx) {
        const { $ws } = setupBridge(seedTextRoutes, { baseUrl: ctx.running.wsUrl + ctx.prefix, WebSocket: WebSocketImpl })
        const received: string[] = []
        const conn = $ws.seedTextChat(undefined, { onMessage: (message) => void received.push(message) })
        try {
          conn.send('Hello!')
          conn.send('"not quoted twice"')
          const deadline = Date.now() + 5000
          while (received.length < 3 && Date.now() < deadline) await delay(5)
          expect(received).toEqual(['Welcome!', 'Echo: Hello!', 'Echo: "not quoted twice"'])
        } finally {
          conn.close()
        }
      },
    },
  ],
})
