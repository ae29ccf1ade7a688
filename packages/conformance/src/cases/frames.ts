import { expect } from 'vitest'
import { defineCaseGroup } from '../case.js'
import { Opcode, RawWebSocket } from '../raw-frames.js'
import { waitForRecorded } from '../recorder.js'
import { sampleValues, type SampleKind } from '../routes/frames.js'

const kinds = Object.keys(sampleValues) as SampleKind[]

export const framesGroup = defineCaseGroup({
  name: 'frames',
  cases: [
    {
      name: 'send() writes objects, arrays, strings, numbers, booleans and null as JSON text',
      async run(ctx) {
        const client = await ctx.connect('/kinds')
        for (const kind of kinds) {
          client.send({ kind })
          const frame = await client.nextFrame()
          expect(frame.kind).toBe('text')
          // A string is JSON-stringified too (it arrives quoted), as the tutorial specifies.
          expect(frame.kind === 'text' ? frame.text : undefined).toBe(JSON.stringify(sampleValues[kind]))
        }
      },
    },
    {
      name: 'binary round trip: Uint8Array to onBinary; a Uint8Array, an ArrayBuffer and a subarray view go back as binary frames',
      async run(ctx) {
        const client = await ctx.connect('/bytes')
        const bytes = Uint8Array.from([0, 1, 2, 127, 128, 254, 255])
        client.sendBinary(bytes)
        expect(await client.next()).toEqual({ type: 'binary', isUint8Array: true, length: bytes.length })
        const reversed = Array.from(bytes).reverse()
        for (const expected of [reversed, reversed, reversed.slice(2, 5)]) {
          const frame = await client.nextFrame()
          expect(frame.kind).toBe('binary')
          expect(Array.from(frame.kind === 'binary' ? frame.bytes : [])).toEqual(expected)
        }
        client.send('text still works')
        expect(await client.next()).toEqual({ echo: 'text still works' })
      },
    },
    {
      name: 'a fragmented message arrives whole, even with a ping between fragments and a character split across them',
      async run(ctx) {
        const raw = await RawWebSocket.open(ctx.running.wsUrl, `${ctx.prefix}/echo`)
        try {
          const text = Buffer.from(JSON.stringify({ text: 'fragmented ünïcödé' }))
          const cut = text.indexOf(Buffer.from('ü')) + 1 // inside the two-byte ü
          raw.send({ opcode: Opcode.TEXT, payload: text.subarray(0, cut), fin: false })
          raw.send({ opcode: Opcode.PING, payload: 'mid' })
          raw.send({ opcode: Opcode.CONTINUATION, payload: text.subarray(cut), fin: true })
          expect(await raw.nextText()).toEqual({ echo: { text: 'fragmented ünïcödé' } })
        } finally {
          raw.destroy()
        }
      },
    },
    {
      name: "send after close returns 'closed' and does not throw",
      async run(ctx) {
        const token = ctx.token()
        const client = await ctx.connect(`/afterClose?t=${token}`)
        client.send('close please')
        expect(await client.waitClose()).toEqual({ code: 1000, reason: 'done' })
        const events = await waitForRecorded(token, (e) => e.length >= 2)
        expect(events).toEqual([
          { type: 'send-after-close', result: 'closed' },
          { type: 'send-in-onClose', result: 'closed' },
        ])
        expect(ctx.bridgeErrors.filter((e) => e.token === token)).toEqual([])
      },
    },
  ],
})
