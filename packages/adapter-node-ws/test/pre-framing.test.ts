import { describe, expect, it } from 'vitest'
import * as ws from 'ws'
import { createWsPreFraming } from '@wsbridge/core/sockets'

// ws's own framing, to hold ours to: the Sender class is exported at runtime (not in @types/ws).
const { Sender } = ws as unknown as { Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] } }
// The framing adapter-node-ws and adapter-hono use: frames built in Node's Buffer.
const { frame: textFrame, write: writeTextFrame } = createWsPreFraming(Buffer)
const wsFrame = (text: string): Buffer =>
  Buffer.concat(Sender.frame(Buffer.from(text, 'utf8'), { fin: true, opcode: 1, rsv1: false, mask: false, readOnly: false }))

describe('createWsPreFraming: frame', () => {
  it.each([0, 1, 125, 126, 127, 65_535, 65_536, 70_000])('matches ws’s own frame for a %i-byte payload', (size) => {
    const text = 'x'.repeat(size)
    expect(Buffer.from(textFrame(text)).equals(wsFrame(text))).toBe(true)
  })

  it('counts UTF-8 bytes, not string length, in the header', () => {
    const text = 'é€😀'.repeat(40) // 9 bytes per repeat: 360 bytes, 160 UTF-16 units
    const frame = Buffer.from(textFrame(text))
    expect(frame.equals(wsFrame(text))).toBe(true)
    expect(frame.readUInt16BE(2)).toBe(360)
  })
})

function fakeSocket(overrides: { readyState?: number; state?: number; firstFragment?: boolean } = {}) {
  const written: Buffer[][] = []
  const socket = {
    readyState: overrides.readyState ?? 1,
    _sender: {
      _state: overrides.state ?? 0,
      _firstFragment: overrides.firstFragment ?? true,
      sendFrame: (list: Buffer[]) => void written.push(list),
    },
    send: () => undefined,
    close: () => undefined,
    terminate: () => undefined,
    ping: () => undefined,
    bufferedAmount: 0,
  }
  return { socket, written }
}

describe('createWsPreFraming: write', () => {
  it('hands the frame to an open, idle sender as one write', () => {
    const { socket, written } = fakeSocket()
    const frame = textFrame('{"a":1}')
    expect(writeTextFrame(socket, frame)).toBe(true)
    expect(written).toEqual([[frame]])
  })

  it.each([
    ['not open (closing)', { readyState: 2 }],
    ['compressing a message (sender busy)', { state: 1 }],
    ['between the fragments of a message', { firstFragment: false }],
  ])('refuses when the socket is %s, so ws.send queues the message instead', (_why, overrides) => {
    const { socket, written } = fakeSocket(overrides)
    expect(writeTextFrame(socket, textFrame('x'))).toBe(false)
    expect(written).toEqual([])
  })

  it('refuses a socket without ws’s sender internals', () => {
    const { socket } = fakeSocket()
    const { _sender: _, ...plain } = socket
    expect(writeTextFrame(plain, textFrame('x'))).toBe(false)
  })
})
