import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { WsError } from '@wsbridge/core'
import type { ConnectionEvents } from '@wsbridge/core/adapter'
import { createWsEventWiring, wsBytes, wsBytesCopy } from '../../src/transport/index.js'

function recorder(): { events: ConnectionEvents; seen: unknown[][] } {
  const seen: unknown[][] = []
  const events: ConnectionEvents = {
    message: (data, isBinary) => void seen.push(['message', data, isBinary]),
    closed: (code, reason) => void seen.push(['closed', code, reason]),
    drain: () => void seen.push(['drain']),
    pong: () => void seen.push(['pong']),
    error: (error) => void seen.push(['error', error]),
  }
  return { events, seen }
}

describe('createWsEventWiring', () => {
  it("forwards a ws socket's messages, pongs, errors and close to core, each socket to its own connection", () => {
    const wire = createWsEventWiring(wsBytes)
    const [a, b] = [new EventEmitter(), new EventEmitter()]
    const [ra, rb] = [recorder(), recorder()]
    wire(a, ra.events)
    wire(b, rb.events)
    const bytes = new Uint8Array([1, 2])
    a.emit('message', Buffer.from('{"x":1}'), false)
    a.emit('message', bytes, true)
    a.emit('pong')
    const tooBig = Object.assign(new RangeError('Max payload size exceeded'), { code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' })
    a.emit('error', tooBig)
    a.emit('close', 1005, Buffer.from(''))
    b.emit('close', 4001, Buffer.from('bye'))
    expect(ra.seen.slice(0, 3)).toEqual([['message', '{"x":1}', false], ['message', bytes, true], ['pong']])
    expect(ra.seen[1]![1]).toBe(bytes)
    expect(ra.seen[3]![1]).toBeInstanceOf(WsError)
    expect((ra.seen[3]![1] as WsError).code).toBe('PAYLOAD_TOO_LARGE')
    expect(ra.seen[4]).toEqual(['closed', 1005, ''])
    expect(rb.seen).toEqual([['closed', 4001, 'bye']])
  })

  it('hands binary messages over through the given conversion (a copy with wsBytesCopy)', () => {
    const socket = new EventEmitter()
    const { events, seen } = recorder()
    createWsEventWiring(wsBytesCopy)(socket, events)
    const bytes = new Uint8Array([7, 8, 9])
    socket.emit('message', bytes, true)
    expect(seen[0]![1]).toEqual(bytes)
    expect(seen[0]![1]).not.toBe(bytes)
  })
})
