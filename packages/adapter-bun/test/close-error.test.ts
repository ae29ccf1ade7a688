import { WsError } from '@wsbridge/core'
import { protocolViolations, type ConnectionEvents } from '@wsbridge/core/adapter'
import { describe, expect, test } from 'vitest'
import { bunCloseError, bunClosed } from '../src/transport/index.js'

describe('bunCloseError', () => {
  // Bun 1.4's close handler after each violation: code 1006 and uWebSockets' reason (measured over a raw socket).
  test.each([
    ['Received an incorrectly masked frame', protocolViolations.mask],
    ['Received unexpected RSV2 or RSV3 bit', protocolViolations.reservedBits],
    ['Received invalid opcode', protocolViolations.opcode],
    ['Received continuation frame outside a fragmented message', protocolViolations.opcode],
    ['Received fragmented control frame', protocolViolations.controlFrame],
    ['Received invalid close payload', protocolViolations.controlFrame],
    ['Received invalid close code', protocolViolations.closeCode],
    ['Received invalid UTF-8', protocolViolations.utf8],
    ['Received something new', protocolViolations.other],
  ])('1006 %j is PROTOCOL_ERROR', (reason, message) => {
    expect(bunCloseError(1006, reason)).toMatchObject({ code: 'PROTOCOL_ERROR', message, cause: reason })
  })

  test('"Received too big message" is PAYLOAD_TOO_LARGE; drops and ordinary closes are no error', () => {
    expect(bunCloseError(1006, 'Received too big message')).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
    expect(bunCloseError(1006, '')).toBeUndefined()
    expect(bunCloseError(1000, 'Received invalid opcode')).toBeUndefined()
    expect(bunCloseError(1002, 'Received invalid opcode')).toBeUndefined()
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
