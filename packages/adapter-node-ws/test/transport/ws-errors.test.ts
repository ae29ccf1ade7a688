import { createRequire } from 'node:module'
import { describe, expect, test } from 'vitest'
import { WsError } from '@wsbridge/core'
import { protocolViolations } from '@wsbridge/core/adapter'
import { wsErrorToCore } from '../../src/transport/index.js'

// ws's own frame parser, so the errors mapped are the ones ws really emits (code and status symbol).
const { Receiver } = createRequire(import.meta.url)('ws') as {
  Receiver: new (options: {
    isServer: boolean
    maxPayload?: number
  }) => {
    on(event: 'error', listener: (error: Error) => void): void
    write(chunk: Buffer): void
  }
}

/** One client frame: FIN, RSV and opcode in the first byte, masked with a zero key unless `unmasked`. */
function frame(first: number, payload: Uint8Array | string, unmasked = false): Buffer {
  const body = Buffer.from(payload)
  return Buffer.concat([Buffer.from([first, (unmasked ? 0 : 0x80) | body.length]), unmasked ? Buffer.alloc(0) : Buffer.alloc(4), body])
}

function wsError(bytes: Buffer, maxPayload = 0): Promise<Error> {
  return new Promise((resolve) => {
    const receiver = new Receiver({ isServer: true, maxPayload })
    receiver.on('error', resolve)
    receiver.write(bytes)
  })
}

const closeWith = (code: number): Buffer => Buffer.from([code >> 8, code & 0xff])

describe('wsErrorToCore', () => {
  // Every input a client can break the protocol with, as ws reports it, and the words core uses.
  const cases: [string, Buffer, string][] = [
    ['an unmasked frame', frame(0x81, '{}', true), protocolViolations.mask],
    ['RSV1 without an extension', frame(0xc1, '{}'), protocolViolations.reservedBits],
    ['RSV2', frame(0xa1, '{}'), protocolViolations.reservedBits],
    ['opcode 3', frame(0x83, 'x'), protocolViolations.opcode],
    ['a continuation with nothing to continue', frame(0x80, 'x'), protocolViolations.opcode],
    ['a fragmented ping', frame(0x09, 'x'), protocolViolations.controlFrame],
    [
      'a 126-byte ping',
      Buffer.concat([Buffer.from([0x89, 0xfe, 0, 126]), Buffer.alloc(4), Buffer.alloc(126)]),
      protocolViolations.controlFrame,
    ],
    ['a 1-byte close payload', frame(0x88, new Uint8Array([3])), protocolViolations.controlFrame],
    ['close code 1004', frame(0x88, closeWith(1004)), protocolViolations.closeCode],
    ['invalid UTF-8 in a text frame', frame(0x81, new Uint8Array([0x22, 0xc3, 0x28, 0x22])), protocolViolations.utf8],
  ]
  test.each(cases)("%s is PROTOCOL_ERROR with ws's error as the cause", async (_name, bytes, message) => {
    const error = await wsError(bytes)
    const mapped = wsErrorToCore(error)
    expect(mapped).toBeInstanceOf(WsError)
    expect(mapped).toMatchObject({ code: 'PROTOCOL_ERROR', message, blame: 'client', cause: error })
  })

  test('an oversized message is PAYLOAD_TOO_LARGE; too many fragments and a zlib failure are PROTOCOL_ERROR', async () => {
    const tooBig = await wsError(frame(0x82, new Uint8Array(20)), 10)
    expect(wsErrorToCore(tooBig)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', cause: tooBig })
    const status = Symbol('status-code')
    const fragments = Object.assign(new RangeError('Too many message fragments'), {
      code: 'WS_ERR_TOO_MANY_BUFFERED_PARTS',
      [status]: 1008,
    })
    expect(wsErrorToCore(fragments)).toMatchObject({ code: 'PROTOCOL_ERROR', message: protocolViolations.fragments })
    const zlib = Object.assign(new Error('invalid stored block lengths'), { code: 'Z_DATA_ERROR', [status]: 1007 })
    expect(wsErrorToCore(zlib)).toMatchObject({ code: 'PROTOCOL_ERROR', message: protocolViolations.compression })
  })

  test('anything ws did not fail the connection for passes through (core reports it as INTERNAL)', () => {
    const other = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })
    expect(wsErrorToCore(other)).toBe(other)
    expect(wsErrorToCore(undefined)).toBeUndefined()
    expect(wsErrorToCore('text')).toBe('text')
  })
})
