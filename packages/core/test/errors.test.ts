import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
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
    expect(toErrorFrame(WsError.from(new Error('SELECT * FROM users failed at 10.0.0.3')))).toEqual({ type: 'error', code: 'INTERNAL', message: 'Internal error' })
    expect(toErrorFrame(new WsError('FORBIDDEN', 'Not your room'))).toEqual({ type: 'error', code: 'FORBIDDEN', message: 'Not your room' })
    expect(toErrorFrame(new WsError('RATE_LIMITED', 'secret', { expose: false })).message).toBe('Too many messages')
    const issues = [{ message: 'Invalid type', path: ['a', 0], expected: 'string', received: '1' }]
    expect(toErrorFrame(new WsError('VALIDATION_FAILED', undefined, { issues }))).toEqual({ type: 'error', code: 'VALIDATION_FAILED', message: 'Message failed validation', issues })
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
          if (kind === 'invalid') throw new WsError('VALIDATION_FAILED', 'Seat already taken', { issues: [{ message: 'taken', path: ['seat'] }] })
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
    ['invalid', { type: 'error', code: 'VALIDATION_FAILED', message: 'Seat already taken', issues: [{ message: 'taken', path: ['seat'] }] }],
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

describe('output validation', () => {
  const previous = process.env['NODE_ENV']
  afterEach(() => {
    if (previous === undefined) delete process.env['NODE_ENV']
    else process.env['NODE_ENV'] = previous
  })

  function route(options: { validateOutput?: boolean } = {}) {
    return defineRoute({
      kind: 'ws',
      ...options,
      output: v.object({ n: v.number() }),
      handler: {
        // The cast is the handler bug under test: the types forbid it, runtime data can still be wrong.
        onMessage: (m, c) => void c.send({ results: [c.send(m as { n: number }), c.publish('t', m as { n: number }, { includeSelf: true })] } as unknown as { n: number }),
        onOpen: (c) => c.subscribe('t'),
      },
    })
  }

  it('is on by default: invalid values are not sent, valid ones are, onError gets OUTPUT_VALIDATION_FAILED', async () => {
    delete process.env['NODE_ENV']
    const t = createTestBridge({ r: route() })
    const client = await t.connect('/r')
    client.send({ n: 'not a number' })
    await client.flush()
    expect(client.sent).toEqual([])
    expect(t.errors.map((e) => e.code)).toEqual(['OUTPUT_VALIDATION_FAILED', 'OUTPUT_VALIDATION_FAILED', 'OUTPUT_VALIDATION_FAILED'])
    expect(t.errors[0]?.issues?.[0]?.path).toEqual(['n'])
    client.send({ n: 1 })
    await client.flush()
    expect(client.sent).toEqual([{ n: 1 }, { n: 1 }])
  })

  it('is off by default when NODE_ENV is production, and configurable per bridge and per route', async () => {
    process.env['NODE_ENV'] = 'production'
    const prod = await createTestBridge({ r: route() }).connect('/r')
    prod.send({ n: 'x' })
    await prod.flush()
    expect(prod.sent).toEqual([{ n: 'x' }, { n: 'x' }, { results: ['sent', 1] }])
    const forcedOn = await createTestBridge({ r: route({ validateOutput: true }) }).connect('/r')
    forcedOn.send({ n: 'x' })
    await forcedOn.flush()
    expect(forcedOn.sent).toEqual([])
    delete process.env['NODE_ENV']
    const bridgeOff = await createTestBridge({ r: route() }, { validateOutput: false }).connect('/r')
    bridgeOff.send({ n: 'x' })
    await bridgeOff.flush()
    expect(bridgeOff.sent).toHaveLength(3)
    const routeOff = await createTestBridge({ r: route({ validateOutput: false }) }, { validateOutput: true }).connect('/r')
    routeOff.send({ n: 'x' })
    await routeOff.flush()
    expect(routeOff.sent).toHaveLength(3)
  })

  it("send returns 'dropped' for an invalid value and never checks bytes", async () => {
    const results: unknown[] = []
    const r = defineRoute({
      kind: 'ws',
      validateOutput: true,
      output: v.object({ n: v.number() }),
      handler: { onMessage: (_m, c) => void results.push(c.send({ n: 'x' } as unknown as { n: number }), c.send(new Uint8Array([9]))) },
    })
    const client = await createTestBridge({ r }).connect('/r')
    client.send(0)
    await client.flush()
    expect(results).toEqual(['dropped', 'sent'])
    expect(client.sent).toEqual([new Uint8Array([9])])
  })

  it('reports async output schema failures once they settle (the value was already sent)', async () => {
    const r = defineRoute({
      kind: 'ws',
      validateOutput: true,
      output: v.pipeAsync(v.object({ n: v.number() }), v.checkAsync(async (o) => o.n > 0, 'n must be positive')),
      handler: { onMessage: (m, c) => void c.send(m as { n: number }) },
    })
    const t = createTestBridge({ r })
    const client = await t.connect('/r')
    client.send({ n: -1 })
    await client.flush()
    expect(client.sent).toEqual([{ n: -1 }])
    expect(t.errors.map((e) => [e.code, e.issues?.[0]?.message])).toEqual([['OUTPUT_VALIDATION_FAILED', 'n must be positive']])
  })
})
