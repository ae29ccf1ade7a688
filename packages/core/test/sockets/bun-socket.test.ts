import { describe, expect, test } from 'vitest'
import { WsError } from '../../src/index.js'
import type { ConnectionEvents } from '../../src/adapter/index.js'
import { BunPingTransport, BunTransport, bunClosed, type BunLikeSocket } from '../../src/sockets/index.js'

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
  publish(topic: string, data: string | Uint8Array): number {
    this.calls.push(['publish', topic, data])
    return 1
  }
}

describe('BunTransport', () => {
  test('sends text and binary through sendText/sendBinary with core’s compress decision; pub/sub is the transport itself', () => {
    const socket = new FakeBunSocket()
    const transport = new BunTransport(socket)
    const bytes = new Uint8Array([1])
    transport.send('hi')
    transport.send('big', true)
    transport.send(bytes, false)
    transport.close(1000, 'done')
    transport.terminate()
    transport.pubsub.subscribe('t')
    transport.pubsub.publish('t', 'frame')
    transport.pubsub.unsubscribe('t')
    socket.buffered = 7
    expect(transport.bufferedAmount).toBe(7)
    expect(transport.raw).toBe(socket)
    expect(transport.pubsub).toBe(transport)
    expect(socket.calls).toEqual([
      ['sendText', 'hi', undefined],
      ['sendText', 'big', true],
      ['sendBinary', bytes, false],
      ['close', 1000, 'done'],
      ['terminate'],
      ['subscribe', 't'],
      ['publish', 't', 'frame'],
      ['unsubscribe', 't'],
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
    // The socket is private state of the base class: the object's own keys are the subclass's.
    expect(Object.keys(late)).toEqual(['accepted'])
  })
})

describe('bunClosed', () => {
  function recorder(): { events: ConnectionEvents; seen: unknown[] } {
    const seen: unknown[] = []
    const events: ConnectionEvents = {
      message: () => undefined,
      drain: () => undefined,
      pong: () => undefined,
      closed: (code, reason) => void seen.push(['closed', code, reason]),
      error: (error) => void seen.push(['error', error instanceof WsError ? error.code : error]),
    }
    return { events, seen }
  }

  test('Bun\'s 1006 "Received too big message" is reported as PAYLOAD_TOO_LARGE before the close', () => {
    const { events, seen } = recorder()
    bunClosed(events, 1006, 'Received too big message')
    expect(seen).toEqual([
      ['error', 'PAYLOAD_TOO_LARGE'],
      ['closed', 1006, 'Received too big message'],
    ])
  })

  test('a protocol violation Bun failed the connection for (1006 "Received …") is reported as PROTOCOL_ERROR before the close', () => {
    const { events, seen } = recorder()
    bunClosed(events, 1006, 'Received an incorrectly masked frame')
    expect(seen).toEqual([
      ['error', 'PROTOCOL_ERROR'],
      ['closed', 1006, 'Received an incorrectly masked frame'],
    ])
  })

  test('any other close is only forwarded; a socket that never reached core is ignored', () => {
    const { events, seen } = recorder()
    bunClosed(events, 1006, '')
    bunClosed(events, 1009, 'Received too big message')
    expect(seen).toEqual([
      ['closed', 1006, ''],
      ['closed', 1009, 'Received too big message'],
    ])
    expect(() => bunClosed(undefined, 1006, 'Received too big message')).not.toThrow()
  })
})
