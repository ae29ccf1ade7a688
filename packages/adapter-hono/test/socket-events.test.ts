import { createBridge, defineRoute } from '@wsbridge/core'
import type { WSContext } from 'hono/ws'
import { expect, test } from 'vitest'
import { HonoSocketEvents } from '../src/socket-events.js'

// Deno and Workers hand over Blobs with `binaryType: 'blob'`; no runtime this package is tested on
// does, so this drives the events object the way those helpers would, on a real bridge.
test('Deno/Workers-style socket: a Blob being read holds back later text frames and the close; replies go through the WSContext', async () => {
  const seen: unknown[] = []
  const bridge = createBridge({
    echo: defineRoute({
      kind: 'ws',
      handler: {
        onMessage: (message, connection) => {
          seen.push(message)
          connection.send(message)
        },
        onBinary: (data) => void seen.push([...data]),
        onClose: (_connection, code) => void seen.push(['closed', code]),
      },
    }),
  })
  const match = bridge.match('ws://localhost/echo')!
  const decision = await bridge.authorize({ url: match.url.href, headers: {}, ip: '127.0.0.1' }, match)
  if (!decision.ok) throw new Error(decision.message)
  const events = new HonoSocketEvents({ bridge, bunPongsHooked: false }, decision)
  const sent: unknown[] = []
  const ws = { raw: undefined, send: (data: unknown) => void sent.push(data), close: () => undefined } as unknown as WSContext
  const message = (data: unknown) => events.onMessage!(new MessageEvent('message', { data }), ws)

  events.onOpen(new Event('open'), ws)
  message('"a"')
  message(new Blob([new Uint8Array([1, 2])]))
  message('"b"')
  // Node 20 has no global CloseEvent; the helpers pass their own with these two fields.
  events.onClose({ code: 1000, reason: '' } as CloseEvent, ws)
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(seen).toEqual(['a', [1, 2], 'b', ['closed', 1000]])
  // A raw socket this package does not know: replies go through Hono's WSContext.
  expect(sent).toEqual(['"a"', '"b"'])
  await bridge.close()
})
