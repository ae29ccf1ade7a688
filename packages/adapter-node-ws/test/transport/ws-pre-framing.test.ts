import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as ws from 'ws'
import { createWsPreFraming, isWsFramer, type WsFramer } from '../../src/transport/index.js'
import { wsPairs, type WsPair } from './ws-pair.js'

// ws's public framing, counted: a shared text is framed once for every socket that takes it, and
// ws is asked for a header once per payload length.
const { Sender } = ws as unknown as { Sender: WsFramer }
let framed = 0
const counting: WsFramer = { frame: (data, options) => (framed++, Sender.frame(data, options)) }
const { frame: textFrame, send } = createWsPreFraming(counting)

/** RFC 6455 §5.2, written out independently of ws: FIN + text opcode, then a 7-, 16- or 64-bit length. */
function expectedHeader(length: number): number[] {
  if (length < 126) return [0x81, length]
  if (length < 65_536) return [0x81, 126, length >> 8, length & 0xff]
  return [0x81, 127, 0, 0, 0, 0, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff]
}

describe('createWsPreFraming: frame', () => {
  it.each([0, 1, 125, 126, 127, 65_535, 65_536, 70_000])('builds one unmasked final text frame for a %i-byte payload', (size) => {
    const text = 'x'.repeat(size)
    const frame = Buffer.from(textFrame(text))
    const header = expectedHeader(size)
    expect([...frame.subarray(0, header.length)]).toEqual(header)
    expect(frame.subarray(header.length).toString('utf8')).toBe(text)
    expect(frame.length).toBe(header.length + size)
  })

  it('counts UTF-8 bytes, not string length, in the header', () => {
    const text = 'é€😀'.repeat(40) // 9 bytes per repeat: 360 bytes, 160 UTF-16 units
    const frame = Buffer.from(textFrame(text))
    expect(frame.readUInt16BE(2)).toBe(360)
    expect(frame.subarray(4).toString('utf8')).toBe(text)
  })

  it("frames any sequence of texts exactly as ws's Sender.frame does, whichever lengths came before", () => {
    // Lengths around the 2-, 4- and 10-byte header boundaries and the cache's 128 slots, mixed
    // with short texts of any characters: a cached header must never serve another length.
    const sized = fc.constantFrom(0, 1, 125, 126, 127, 128, 129, 253, 254, 255, 256, 65_535, 65_536, 65_664).map((size) => 'x'.repeat(size))
    const byWs = (text: string): Buffer =>
      Buffer.concat(Sender.frame(Buffer.from(text, 'utf8'), { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false }))
    // A fresh instance per sequence: its header cache starts empty and fills as the sequence goes.
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), sized), { maxLength: 12 }), (texts) => {
        const { frame } = createWsPreFraming(Sender)
        for (const text of texts) expect(Buffer.from(frame(text)).equals(byWs(text))).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it("recognises ws's Sender as a framer, and nothing without `frame`", () => {
    expect(isWsFramer(Sender)).toBe(true)
    expect(isWsFramer(undefined)).toBe(false)
    expect(isWsFramer({})).toBe(false)
  })
})

describe('createWsPreFraming: send, over real ws sockets', () => {
  let pairs: WsPair[]
  let close: () => Promise<void>
  beforeAll(async () => void ({ pairs, close } = await wsPairs(3)))
  afterAll(() => close())

  it('writes a shared text to every idle socket as one frame built once; a lone text is framed for its socket', async () => {
    framed = 0
    // Its own instance: no header is cached yet.
    const { send } = createWsPreFraming(counting)
    const text = JSON.stringify({ é: 'x'.repeat(300) })
    for (const { server } of pairs) expect(send(server, text, true)).toBe(true)
    expect(framed).toBe(1)
    for (const { receivedAt } of pairs) expect(await receivedAt(1)).toEqual([text])
    // Two lone texts of one new length: ws builds that length's header once.
    expect(send(pairs[0]!.server, 'lone', false)).toBe(true)
    expect(send(pairs[0]!.server, 'solo', false)).toBe(true)
    expect(framed).toBe(2)
    expect(await pairs[0]!.receivedAt(3)).toEqual([text, 'lone', 'solo'])
  })

  it('refuses (writes nothing) while the socket compresses a message, so ws.send queues behind it', async () => {
    const { server, receivedAt, received } = pairs[1]!
    const before = received.length
    server.send('y'.repeat(64 * 1024), { compress: true })
    expect(send(server, 'after', false)).toBe(false)
    server.send('after')
    expect((await receivedAt(before + 2)).slice(before)).toEqual(['y'.repeat(64 * 1024), 'after'])
  })

  it('refuses a closing socket and an object without ws internals', () => {
    expect(send({}, 'x', false)).toBe(false)
    const { server } = pairs[2]!
    server.close(1000, 'bye')
    expect(send(server, 'x', true)).toBe(false)
  })
})
