import { describe, expect, test } from 'vitest'
import { BunNativePubSub, BunPingTransport, BunTransport, bunNativePubSub, type BunLikeSocket } from '../src/transport/index.js'

class FakeBunSocket implements BunLikeSocket {
  readonly calls: unknown[][] = []
  buffered = 0
  sendText(data: string, compress?: boolean): number {
    this.calls.push(['sendText', data, compress])
    return data.length
  }
  sendBinary(data: Uint8Array, compress?: boolean): number {
    this.calls.push(['sendBinary', data, compress])
    return data.byteLength
  }
  close(code: number, reason: string): void {
    this.calls.push(['close', code, reason])
  }
  terminate(): void {
    this.calls.push(['terminate'])
  }
  ping(): number {
    this.calls.push(['ping'])
    return 0
  }
  getBufferedAmount(): number {
    return this.buffered
  }
  subscribe(topic: string): void {
    this.calls.push(['subscribe', topic])
  }
  unsubscribe(topic: string): void {
    this.calls.push(['unsubscribe', topic])
  }
  publish(topic: string, data: string | Uint8Array, compress?: boolean): number {
    this.calls.push(['publish', topic, data, compress])
    return 1
  }
}

describe('BunTransport', () => {
  test("sends text and binary through sendText/sendBinary with core's compress decision", () => {
    const socket = new FakeBunSocket()
    const transport = new BunTransport(socket)
    const bytes = new Uint8Array([1])
    transport.send('hi')
    transport.send('big', true)
    transport.send(bytes, false)
    transport.close(1000, 'done')
    transport.terminate()
    socket.buffered = 7
    expect(transport.bufferedAmount).toBe(7)
    expect(transport.raw).toBe(socket)
    expect(transport.pubsub).toBeUndefined()
    expect(socket.calls).toEqual([
      ['sendText', 'hi', undefined],
      ['sendText', 'big', true],
      ['sendBinary', bytes, false],
      ['close', 1000, 'done'],
      ['terminate'],
    ])
  })

  test('only the ping variant has ping; a subclass can be handed its socket later', () => {
    expect('ping' in new BunTransport(new FakeBunSocket())).toBe(false)
    class LateSocket extends BunPingTransport<FakeBunSocket> {
      accepted = 'upgrade'
      opened(socket: FakeBunSocket): void {
        this.setSocket(socket)
      }
    }
    const late = new LateSocket()
    const socket = new FakeBunSocket()
    late.opened(socket)
    late.ping()
    expect(late.raw).toBe(socket)
    expect(socket.calls).toEqual([['ping']])
    // The socket and the fan-out are private state of the base class: the object's own keys are the subclass's.
    expect(Object.keys(late)).toEqual(['accepted'])
  })
})

describe('BunNativePubSub', () => {
  test("subscribes the transport's socket; publishes uncompressed through the server, or the sender's ws.publish with except", () => {
    const published: unknown[][] = []
    const server = {
      publish: (topic: string, data: string | Uint8Array, compress?: boolean) => void published.push([topic, data, compress]),
    }
    const pubsub = new BunNativePubSub(server)
    const socket = new FakeBunSocket()
    const transport = new BunTransport(socket, pubsub)
    expect(transport.pubsub).toBe(pubsub)
    pubsub.subscribe(transport, 't')
    pubsub.publish('t', 'to all', undefined)
    pubsub.publish('t', 'to the others', transport)
    pubsub.unsubscribe(transport, 't')
    expect(published).toEqual([['t', 'to all', false]])
    expect(socket.calls).toEqual([
      ['subscribe', 't'],
      ['publish', 't', 'to the others', false],
      ['unsubscribe', 't'],
    ])
  })

  test('bunNativePubSub gives one fan-out per server', () => {
    const [a, b] = [{ publish: () => 0 }, { publish: () => 0 }]
    expect(bunNativePubSub(a)).toBe(bunNativePubSub(a))
    expect(bunNativePubSub(a)).not.toBe(bunNativePubSub(b))
  })
})
