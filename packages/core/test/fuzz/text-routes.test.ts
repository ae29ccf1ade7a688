import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { defineRoute } from '../../src/index.js'
import { createTestBridge } from '../../src/testing/index.js'
import { startWsHost, type WsTestHost } from '../client/ws-host.js'
import { FuzzSurface } from './settings.js'
import { anyText, loneSurrogate, utf8Length, wellFormed } from './text.js'

// A text route passes any string through untouched: what its handler gets is the frame's text, and
// what `send`/`publish` write is the string itself, lone surrogates and all. On a real socket the
// wire is UTF-8, so there the oracle is the string's well-formed form (what UTF-8 can carry).

const surface = new FuzzSurface('text routes (core)')
afterAll(() => void surface.report())

const MAX_BYTES = 4096
const received: string[] = []
const routes = {
  echo: defineRoute({
    kind: 'ws',
    format: 'text',
    limits: { maxPayloadLength: MAX_BYTES, rateLimit: false },
    handler: {
      onOpen: (c) => c.subscribe('all'),
      onMessage: (message, c) => {
        received.push(message)
        c.send(message)
        c.publish('all', message, { includeSelf: true })
      },
    },
  }),
}
// Strings with lone surrogates, JSON-looking text and wsbridge-looking text mixed in.
const text = fc.oneof(
  anyText(200),
  fc.array(fc.oneof(anyText(8), loneSurrogate), { maxLength: 20 }).map((parts) => parts.join('')),
  fc.json(),
  fc.constantFrom('{"~":"msg"}', '{"type":"error","code":"INTERNAL","message":"x"}', '"', '', ' '),
)

describe('text routes: any string goes in and out unchanged', () => {
  it(
    'in-process: the handler gets the exact string and the exact string is sent and published',
    async () => {
      const t = createTestBridge(routes, { logger: false })
      const client = await t.connect('/echo')
      await fc.assert(
        fc.asyncProperty(
          text,
          surface.counted(async (message: string) => {
            fc.pre(utf8Length(message) <= MAX_BYTES && message !== '{"~":"ping"}')
            received.length = 0
            const before = client.frames.length
            client.sendText(message)
            await client.flush()
            expect(received).toEqual([message])
            expect(client.frames.slice(before)).toEqual([message, message])
          }),
        ),
        surface.params(300),
      )
      await t.close()
    },
    surface.timeout(300, 2),
  )

  describe('over a real socket', () => {
    let host: WsTestHost
    beforeAll(async () => {
      host = await startWsHost(routes, { logger: false })
    })
    afterAll(() => host.close())

    it(
      'a frame comes back as the well-formed text that was sent, twice (send and publish)',
      async () => {
        const socket = new WebSocket(`${host.wsUrl}/echo`)
        const frames: string[] = []
        let wake: (() => void) | undefined
        socket.on('message', (data) => {
          frames.push(String(data))
          wake?.()
        })
        await new Promise((resolve) => socket.once('open', resolve))
        await fc.assert(
          fc.asyncProperty(
            text,
            surface.counted(async (message: string) => {
              fc.pre(utf8Length(message) <= MAX_BYTES && wellFormed(message) !== '{"~":"ping"}')
              frames.length = 0
              const arrived = new Promise<void>((resolve) => {
                wake = () => frames.length >= 2 && resolve()
              })
              socket.send(message)
              await arrived
              expect(frames).toEqual([wellFormed(message), wellFormed(message)])
            }),
          ),
          surface.params(100),
        )
        socket.close()
      },
      surface.timeout(100, 10),
    )
  })
})
