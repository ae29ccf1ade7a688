import { describe, expect, it } from 'vitest'
import { CloseCode, defineRoute, isValidCloseCode, type WsError } from '../src/index.js'
import { createTestBridge } from '../src/testing/index.js'

describe('close codes (RFC 6455 §7.4)', () => {
  it('accepts sendable codes and refuses reserved or out-of-range ones', () => {
    for (const code of [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4000, 4401, 4999])
      expect(isValidCloseCode(code), String(code)).toBe(true)
    for (const code of [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 1000.5, Number.NaN])
      expect(isValidCloseCode(code), String(code)).toBe(false)
  })

  it('every code wsbridge sends itself is valid', () => {
    const sent = Object.entries(CloseCode).filter(([name]) => name !== 'NO_STATUS' && name !== 'ABNORMAL')
    for (const [name, code] of sent) expect(isValidCloseCode(code), name).toBe(true)
  })

  it('connection.close throws a WsError for invalid codes and over-long reasons, and does not close', async () => {
    const outcomes: string[] = []
    const route = defineRoute({
      kind: 'ws',
      handler: {
        onMessage(m, c) {
          const [code, reason] = m as [number, string]
          try {
            c.close(code, reason)
            outcomes.push('closed')
          } catch (error) {
            outcomes.push((error as WsError).code)
          }
        },
      },
    })
    const client = await createTestBridge({ route }).connect('/route')
    client.send([1005, ''])
    client.send([1006, ''])
    client.send([4000, 'é'.repeat(62)])
    await client.flush()
    expect(outcomes).toEqual(['INVALID_CLOSE_CODE', 'INVALID_CLOSE_CODE', 'INVALID_CLOSE_CODE'])
    expect(client.closed).toBeUndefined()
    client.send([4000, 'é'.repeat(61)])
    expect(await client.waitForClose()).toMatchObject({ code: 4000, reason: 'é'.repeat(61) })
  })
})
