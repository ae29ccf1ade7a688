import { describe, expect, test } from 'vitest'
import { createWsTransports, type WsLikeSocket, type WsPreFraming } from '../../src/transport/index.js'

type Sent = [data: string | Uint8Array, options: { readonly binary: boolean; readonly compress: boolean }]

class FakeWs implements WsLikeSocket {
  readonly sent: Sent[] = []
  readonly calls: string[] = []
  bufferedAmount = 0
  send(data: string | Uint8Array, options: Sent[1]): void {
    this.sent.push([data, options])
  }
  close(code: number, reason: string): void {
    this.calls.push(`close ${code} ${reason}`)
  }
  terminate(): void {
    this.calls.push('terminate')
  }
  ping(): void {
    this.calls.push('ping')
  }
}

function countingEncoder(): { encode: (text: string) => Uint8Array; readonly count: () => number } {
  let count = 0
  const encoder = new TextEncoder()
  return { encode: (text) => (count++, encoder.encode(text)), count: () => count }
}

describe('createWsTransports', () => {
  test('a lone text send stays a string; a shared (fan-out) text is encoded once and the bytes reused', () => {
    const { encode, count } = countingEncoder()
    const { WsTransport } = createWsTransports(encode)
    const sockets = [new FakeWs(), new FakeWs(), new FakeWs()]
    const transports = sockets.map((socket) => new WsTransport(socket))

    // Lone sends are never encoded, even when the same text repeats (an echo of equal messages).
    transports[0]!.send('echo')
    transports[1]!.send('echo')
    expect(sockets.slice(0, 2).map((socket) => socket.sent[0]![0])).toEqual(['echo', 'echo'])
    expect(count()).toBe(0)

    for (const transport of transports) transport.send('héllo ✓', undefined, true)
    const frames = sockets.map((socket) => socket.sent.at(-1)![0])
    expect(frames[0]).toBe('héllo ✓')
    expect(frames[1]).toBeInstanceOf(Uint8Array)
    expect(new TextDecoder().decode(frames[1] as Uint8Array)).toBe('héllo ✓')
    // The same bytes object for every further subscriber, encoded once.
    expect(frames[2]).toBe(frames[1])
    expect(count()).toBe(1)
    // Bytes of a text frame are still sent as text.
    expect(sockets.map((socket) => socket.sent.at(-1)![1].binary)).toEqual([false, false, false])

    // A lone send in between does not disturb the fan-out cache, and is itself sent as a string.
    transports[0]!.send('héllo ✓')
    expect(sockets[0]!.sent.at(-1)![0]).toBe('héllo ✓')
    transports[1]!.send('héllo ✓', undefined, true)
    expect(sockets[1]!.sent.at(-1)![0]).toBe(frames[1])
    // Another shared text resets the cache: the next one is a string again, then encoded anew.
    transports[0]!.send('other', undefined, true)
    transports[1]!.send('héllo ✓', undefined, true)
    expect(sockets[0]!.sent.at(-1)![0]).toBe('other')
    expect(sockets[1]!.sent.at(-1)![0]).toBe('héllo ✓')
    transports[2]!.send('héllo ✓', undefined, true)
    expect(sockets[2]!.sent.at(-1)![0]).not.toBe(frames[1])
    expect(count()).toBe(2)
  })

  test('each adapter module has its own encode-once state and encoder', () => {
    const a = countingEncoder()
    const b = countingEncoder()
    const first = new (createWsTransports(a.encode).WsTransport)(new FakeWs())
    const second = new (createWsTransports(b.encode).WsTransport)(new FakeWs())
    first.send('x', undefined, true)
    second.send('x', undefined, true)
    expect((first.raw as FakeWs).sent[0]![0]).toBe('x')
    expect((second.raw as FakeWs).sent[0]![0]).toBe('x')
    expect(a.count() + b.count()).toBe(0)
  })

  test('with pre-framing, text goes to it first (with whether it is shared); ws.send only gets what it refuses', () => {
    const offered: [FakeWs, string, boolean][] = []
    const refuse = new Set<object>()
    const framing: WsPreFraming = {
      frame: (text) => new TextEncoder().encode(text),
      send: (socket, text, shared) => (offered.push([socket as FakeWs, text, shared]), !refuse.has(socket)),
    }
    const { WsTransport } = createWsTransports((text) => new TextEncoder().encode(text), framing)
    const sockets = [new FakeWs(), new FakeWs(), new FakeWs()]
    const transports = sockets.map((socket) => new WsTransport(socket))
    refuse.add(sockets[1]!) // e.g. its ws sender is busy compressing: it gets a normal send

    for (const transport of transports) transport.send('hi', undefined, true)
    expect(offered).toEqual([
      [sockets[0], 'hi', true],
      [sockets[1], 'hi', true],
      [sockets[2], 'hi', true],
    ])
    expect(sockets.map((socket) => socket.sent)).toEqual([[], [['hi', { binary: false, compress: false }]], []])

    // A lone send is offered as not shared, and sent by ws when the socket refuses.
    transports[0]!.send('lone')
    transports[1]!.send('lone')
    expect(offered.slice(3)).toEqual([
      [sockets[0], 'lone', false],
      [sockets[1], 'lone', false],
    ])
    expect(sockets[1]!.sent.at(-1)).toEqual(['lone', { binary: false, compress: false }])

    // Compressed sends and bytes always go through ws.send.
    transports[0]!.send('hi', true)
    transports[0]!.send('hi', true, true)
    transports[0]!.send(new Uint8Array([1]), undefined, true)
    expect(offered).toHaveLength(5)
    // (The second shared 'hi' in a row is handed over encoded once, still as a text frame.)
    const decoded = (data: string | Uint8Array) => (typeof data === 'string' ? data : new TextDecoder().decode(data))
    expect(sockets[0]!.sent.map(([data, options]) => [decoded(data), options.compress, options.binary])).toEqual([
      ['hi', true, false],
      ['hi', true, false],
      ['\u0001', false, true],
    ])
  })

  test('binary and compress map onto ws options, with no options object per message', () => {
    const { WsTransport } = createWsTransports((text) => new TextEncoder().encode(text))
    const socket = new FakeWs()
    const transport = new WsTransport(socket)
    const bytes = new Uint8Array([1, 2])
    transport.send(bytes)
    transport.send(bytes, true)
    transport.send('a', false)
    transport.send('b', true)
    transport.send(new Uint8Array([3]))
    expect(socket.sent[0]).toEqual([bytes, { binary: true, compress: false }])
    expect(socket.sent[0]![0]).toBe(bytes)
    expect(socket.sent[1]![1]).toEqual({ binary: true, compress: true })
    expect(socket.sent[2]![1]).toEqual({ binary: false, compress: false })
    expect(socket.sent[3]![1]).toEqual({ binary: false, compress: true })
    expect(socket.sent[4]![1]).toBe(socket.sent[0]![1])
  })

  test('close, terminate and bufferedAmount call the socket; only the ping variant has ping', () => {
    const { WsTransport, WsPingTransport } = createWsTransports((text) => new TextEncoder().encode(text))
    const socket = new FakeWs()
    const plain = new WsTransport(socket)
    const pinging = new WsPingTransport(socket)
    expect('ping' in plain).toBe(false)
    expect(plain.raw).toBe(socket)
    plain.close(4000, 'bye')
    plain.terminate()
    pinging.ping()
    socket.bufferedAmount = 42
    expect(plain.bufferedAmount).toBe(42)
    expect(socket.calls).toEqual(['close 4000 bye', 'terminate', 'ping'])
    // Methods live on the prototype: a transport holds the socket and nothing else.
    expect(Object.keys(pinging)).toEqual(['raw'])
  })
})
