import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { defineRoute, errorCodes, toErrorFrame, WsError, type WsErrorCode } from '../src/index.js'
import { createTestBridge } from '../src/testing/index.js'

describe('WsError', () => {
  it('normalises anything thrown, keeping the original as cause and its stack', () => {
    const original = new TypeError('db password is hunter2')
    const error = WsError.from(original)
    expect(error).toBeInstanceOf(WsError)
    expect(error.code).toBe('INTERNAL')
    expect(error.cause).toBe(original)
    expect(error.stack).toBe(original.stack)
    expect(error.expose).toBe(false)
    expect(WsError.from('text').code).toBe('INTERNAL')
    expect(WsError.from(undefined).message).toBe('Unknown error')
    const own = new WsError('FORBIDDEN', 'Not your room')
    expect(WsError.from(own)).toBe(own)
  })

  it('maps each code to a close code and an HTTP status from one table', () => {
    for (const code of Object.keys(errorCodes) as WsErrorCode[]) {
      const error = new WsError(code)
      expect(error.closeCode).toBe(errorCodes[code].close)
      expect(error.status).toBe(errorCodes[code].status)
      expect(error.message).toBe(errorCodes[code].message)
    }
    expect(new WsError('VALIDATION_FAILED').closeCode).toBe(1007)
    expect(new WsError('UNKNOWN_TYPE').closeCode).toBe(1008)
    expect(new WsError('UNSUPPORTED_DATA').closeCode).toBe(1003)
    expect(new WsError('PAYLOAD_TOO_LARGE').closeCode).toBe(1009)
  })

  it('toErrorFrame never leaks unexposed messages', () => {
    expect(toErrorFrame(WsError.from(new Error('SELECT * FROM users failed at 10.0.0.3')))).toEqual({
      type: 'error',
      code: 'INTERNAL',
      message: 'Internal error',
    })
    // Any thrown value, not only WsErrors: the one function between internals and the wire.
    expect(toErrorFrame(new Error('token=abc'))).toEqual({ type: 'error', code: 'INTERNAL', message: 'Internal error' })
    expect(toErrorFrame({ password: 'x' })).toEqual({ type: 'error', code: 'INTERNAL', message: 'Internal error' })
    expect(toErrorFrame(new WsError('FORBIDDEN', 'Not your room'))).toEqual({ type: 'error', code: 'FORBIDDEN', message: 'Not your room' })
    expect(toErrorFrame(new WsError('RATE_LIMITED', 'secret', { expose: false })).message).toBe('Too many messages')
    const issues = [{ message: 'Invalid type', path: ['a', 0], expected: 'string', received: '1' }]
    expect(toErrorFrame(new WsError('VALIDATION_FAILED', undefined, { issues }))).toEqual({
      type: 'error',
      code: 'VALIDATION_FAILED',
      message: 'Message failed validation',
      issues,
    })
  })
})

describe('handler failures reach the client safely and onError with a code', () => {
  function failing(errors: WsError[]) {
    return defineRoute({
      kind: 'ws',
      input: v.object({ kind: v.string() }),
      handler: {
        onMessage: async ({ kind }) => {
          if (kind === 'throw') throw new Error('ECONNREFUSED 10.0.0.3:5432 password=hunter2')
          if (kind === 'string') throw 'raw string with internals'
          if (kind === 'reject') await Promise.reject(new RangeError('stack-y'))
          if (kind === 'forbidden') throw new WsError('FORBIDDEN', 'Not your room')
          if (kind === 'invalid')
            throw new WsError('VALIDATION_FAILED', 'Seat already taken', { issues: [{ message: 'taken', path: ['seat'] }] })
        },
        onError: (_c, error) => void errors.push(error),
      },
    })
  }

  it.each([
    ['throw', { type: 'error', code: 'INTERNAL', message: 'Internal error' }],
    ['string', { type: 'error', code: 'INTERNAL', message: 'Internal error' }],
    ['reject', { type: 'error', code: 'INTERNAL', message: 'Internal error' }],
    ['forbidden', { type: 'error', code: 'FORBIDDEN', message: 'Not your room' }],
    [
      'invalid',
      { type: 'error', code: 'VALIDATION_FAILED', message: 'Seat already taken', issues: [{ message: 'taken', path: ['seat'] }] },
    ],
  ])('%s', async (kind, frame) => {
    const errors: WsError[] = []
    const t = createTestBridge({ route: failing(errors) })
    const client = await t.connect('/route')
    client.send({ kind })
    expect(await client.next()).toEqual(frame)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toBeInstanceOf(WsError)
    expect(errors[0]?.code).toBe(frame.code)
    expect(t.errors).toEqual(errors)
    expect(client.closed).toBeUndefined()
  })

  it('a handler-thrown validation error follows the close policy too', async () => {
    const route = defineRoute({
      kind: 'ws',
      onInvalid: 'close',
      handler: {
        onMessage: () => {
          throw new WsError('VALIDATION_FAILED')
        },
      },
    })
    const client = await createTestBridge({ route }).connect('/route')
    client.send({})
    expect(await client.waitForClose()).toMatchObject({ code: 1007 })
  })

  it('survives an onError hook that throws', async () => {
    const route = defineRoute({
      kind: 'ws',
      handler: {
        onMessage: (m, c) => {
          if (m === 'boom') throw new Error('x')
          c.send('still here')
        },
        onError: () => {
          throw new Error('hook broke')
        },
      },
    })
    const t = createTestBridge({ route })
    const client = await t.connect('/route')
    client.send('boom')
    client.send('ok')
    expect(await client.next()).toMatchObject({ code: 'INTERNAL' })
    expect(await client.next()).toBe('still here')
    expect(t.errors.map((e) => e.code)).toEqual(['INTERNAL', 'INTERNAL'])
  })

  it('closes with 1003 on binary frames when the route has no onBinary', async () => {
    const errors: WsError[] = []
    const route = defineRoute({ kind: 'ws', handler: { onMessage: () => undefined, onError: (_c, e) => void errors.push(e) } })
    const client = await createTestBridge({ route }).connect('/route')
    client.sendBinary(new Uint8Array([1, 2]))
    expect(await client.waitForClose()).toMatchObject({ code: 1003, by: 'server' })
    expect(errors.map((e) => e.code)).toEqual(['UNSUPPORTED_DATA'])
  })
})
