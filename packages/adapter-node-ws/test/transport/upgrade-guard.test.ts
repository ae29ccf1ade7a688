import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createBridge, defineRoute } from '@wsbridge/core'
import { addWsCloseReasons, UpgradeGuard, wsWithCloseReasons, type UpgradeSocket } from '../../src/transport/index.js'

/** A stand-in for an upgrade socket: records what is written and whether it was destroyed. */
class FakeSocket extends EventEmitter implements UpgradeSocket {
  destroyed = false
  writable = true
  writableLength = 0
  bytesWritten = 0
  written = ''
  end(data: string): void {
    this.written += data
    this.bytesWritten += data.length
  }
  destroy(): void {
    this.destroyed = true
  }
}

const routes = { echo: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }) }

describe('UpgradeGuard', () => {
  afterEach(() => void vi.useRealTimers())

  it('answers 503 on a socket nobody answered by handshakeTimeout, leaves answered ones alone, and adds no upgrade listener', () => {
    vi.useFakeTimers()
    const refused: string[] = []
    const guard = new UpgradeGuard(
      createBridge(routes, { handshakeTimeout: 100, logger: false, onRefused: (r) => void refused.push(r.code) }),
    )
    const server = new EventEmitter()
    const helper = vi.fn()
    server.on('upgrade', helper)
    guard.watch(server)
    guard.watch(server)
    expect(server.listenerCount('upgrade')).toBe(1)
    const ignored = new FakeSocket()
    const answered = new FakeSocket()
    const settled = new FakeSocket()
    for (const socket of [ignored, answered, settled]) server.emit('upgrade', { url: '/ws/echo', headers: {} }, socket, Buffer.alloc(0))
    expect(helper).toHaveBeenCalledTimes(3)
    answered.bytesWritten = 129 // a 101 written by ws
    guard.settle(settled)
    vi.advanceTimersByTime(99)
    expect(ignored.written).toBe('')
    vi.advanceTimersByTime(1)
    expect(ignored.written).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n[\s\S]*\r\n\r\nHandshake timed out$/)
    expect(ignored.destroyed).toBe(true)
    expect([answered.written, answered.destroyed, settled.written, settled.destroyed]).toEqual(['', false, '', false])
    expect(refused).toEqual(['HANDSHAKE_TIMEOUT'])
  })

  it('puts no deadline on a socket when handshakeTimeout is 0', () => {
    vi.useFakeTimers()
    const server = new EventEmitter()
    const helper = vi.fn()
    server.on('upgrade', helper)
    new UpgradeGuard(createBridge(routes, { handshakeTimeout: 0, logger: false })).watch(server)
    const ignored = new FakeSocket()
    server.emit('upgrade', { url: '/echo', headers: {} }, ignored, Buffer.alloc(0))
    vi.advanceTimersByTime(60_000)
    expect([helper.mock.calls.length, ignored.written, ignored.destroyed]).toEqual([1, '', false])
  })

  it("answers an invalid request target under the prefix with core's 400 before any listener; others reach the listeners", () => {
    const refused: string[] = []
    const guard = new UpgradeGuard(
      createBridge(routes, {
        prefix: '/ws',
        handshakeTimeout: 0,
        logger: false,
        onRefused: (r) => void refused.push(`${r.code} ${r.route} ${r.message}`),
      }),
    )
    const server = new EventEmitter()
    const helper = vi.fn()
    server.on('upgrade', helper)
    guard.watch(server)
    const bad = new FakeSocket()
    server.emit('upgrade', { url: '/ws/echo\\', headers: { host: 'a.example' } }, bad, Buffer.alloc(0))
    expect(bad.written).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*\r\n\r\nInvalid request target$/)
    expect(bad.destroyed).toBe(true)
    expect(helper).not.toHaveBeenCalled()
    expect(refused).toEqual(['INVALID_HANDSHAKE echo Invalid request target'])
    for (const url of ['/ws/echo?x=%41', '/elsewhere\\x', '/elsewhere?x=%zz'])
      server.emit('upgrade', { url, headers: {} }, new FakeSocket(), Buffer.alloc(0))
    expect(helper).toHaveBeenCalledTimes(3)
    expect(refused).toHaveLength(1)
  })
})

describe('addWsCloseReasons', () => {
  it("gives ws's own closes without a reason the one every host sends, and leaves closes with a reason alone", () => {
    const calls: unknown[][] = []
    class Socket {
      close(code?: number, data?: string): void {
        calls.push([code, data])
      }
    }
    const socket = new Socket()
    addWsCloseReasons(socket)
    socket.close(1009)
    socket.close(1008)
    socket.close(1002)
    socket.close(1009, 'mine')
    expect(calls).toEqual([
      [1009, 'Received too big message'],
      [1008, 'Too many message fragments'],
      [1002, undefined],
      [1009, 'mine'],
    ])
  })
})

describe('wsWithCloseReasons', () => {
  it('is one subclass per base class, and a socket already on it is left alone', () => {
    class Base {
      close(): void {}
    }
    const Sub = wsWithCloseReasons(Base)
    expect(wsWithCloseReasons(Base)).toBe(Sub)
    const socket = new Sub()
    addWsCloseReasons(socket)
    expect(Object.getPrototypeOf(socket)).toBe(Sub.prototype)
    expect(socket).toBeInstanceOf(Base)
  })
})
