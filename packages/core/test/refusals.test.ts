import { describe, expect, test } from 'vitest'
import { createBridge, defineRoute, tokenAuth, WsError, type BridgeOptions, type Routes, type WsRefusal } from '../src/index.js'
import { recordingLogger } from './logging/fake-log.js'

const verify = (token: string): { name: string } | null => {
  if (token === 'good') return { name: 'alice' }
  if (token === 'forbidden') throw new WsError('FORBIDDEN', 'Not your room')
  if (token === 'boom') throw new Error('db down')
  return null
}

const routes = {
  chat: defineRoute({ kind: 'ws', auth: tokenAuth(verify), handler: { onMessage: () => undefined } }),
  closing: defineRoute({ kind: 'ws', auth: tokenAuth(verify), authFailure: 'close', handler: { onMessage: () => undefined } }),
  strict: defineRoute({ kind: 'ws', limits: { allowedOrigins: ['https://app.example'] }, handler: { onMessage: () => undefined } }),
  broken: defineRoute({
    kind: 'ws',
    context: (): Record<string, unknown> => {
      throw new Error('context bug')
    },
    handler: { onMessage: () => undefined },
  }),
}

function setup(options: BridgeOptions = {}) {
  const refusals: WsRefusal[] = []
  const errors: WsError[] = []
  const logger = recordingLogger()
  const bridge = createBridge(routes as Routes, {
    prefix: '/ws',
    onRefused: (r) => void refusals.push(r),
    onError: (e) => void errors.push(e),
    logger,
    logLimit: 0,
    ...options,
  })
  async function upgrade(path: string, headers: Record<string, string> = {}) {
    const request = { url: path, headers, ip: '10.0.0.1' }
    const match = bridge.match(path)
    return match ? bridge.authorize(request, match) : bridge.notFound(request)
  }
  return { bridge, refusals, errors, logger, upgrade }
}

describe('onRefused: every refusal, exactly once', () => {
  test('401 bad token, 403 forbidden, 403 origin: client-blamed, with path (no query), ip, route and origin', async () => {
    const { refusals, errors, upgrade } = setup()
    expect(await upgrade('/ws/chat?token=wrong')).toMatchObject({ ok: false, status: 401 })
    expect(await upgrade('/ws/chat?token=forbidden')).toMatchObject({ ok: false, status: 403, message: 'Not your room' })
    expect(await upgrade('/ws/strict', { origin: 'https://evil.example' })).toMatchObject({ ok: false, status: 403 })
    expect(
      refusals.map(({ code, status, message, blame, route, path, ip, origin }) => ({
        code,
        status,
        message,
        blame,
        route,
        path,
        ip,
        origin,
      })),
    ).toEqual([
      {
        code: 'UNAUTHORIZED',
        status: 401,
        message: 'Invalid token',
        blame: 'client',
        route: 'chat',
        path: '/ws/chat',
        ip: '10.0.0.1',
        origin: undefined,
      },
      {
        code: 'FORBIDDEN',
        status: 403,
        message: 'Not your room',
        blame: 'client',
        route: 'chat',
        path: '/ws/chat',
        ip: '10.0.0.1',
        origin: undefined,
      },
      {
        code: 'ORIGIN_NOT_ALLOWED',
        status: 403,
        message: 'Origin not allowed',
        blame: 'client',
        route: 'strict',
        path: '/ws/strict',
        ip: '10.0.0.1',
        origin: 'https://evil.example',
      },
    ])
    expect(errors).toEqual([])
  })

  test('a verify that throws: a plain 401 for the client, blamed on the server with the exception as cause, also to onError, logged with the stack', async () => {
    const { refusals, errors, logger, upgrade } = setup()
    const decision = await upgrade('/ws/chat?token=boom')
    expect(decision).toMatchObject({ ok: false, status: 401, message: 'Invalid token' })
    expect(refusals).toHaveLength(1)
    expect(refusals[0]).toMatchObject({ code: 'UNAUTHORIZED', blame: 'server', error: { cause: new Error('db down') } })
    expect(errors).toEqual([refusals[0]!.error])
    expect(logger.lines).toEqual([
      {
        level: 'error',
        message: '[wsbridge] refused 401 UNAUTHORIZED path=/ws/chat ip=10.0.0.1 route=chat: Invalid token',
        error: new Error('db down'),
      },
    ])
  })

  test('a context hook that throws: 500 "Internal error" for the client, the thrown error for the hooks', async () => {
    const { refusals, errors, upgrade } = setup()
    expect(await upgrade('/ws/broken')).toMatchObject({ ok: false, status: 500, message: 'Internal error' })
    expect(refusals).toMatchObject([
      { code: 'INTERNAL', status: 500, message: 'Internal error', blame: 'server', route: 'broken', error: { message: 'context bug' } },
    ])
    expect(errors).toHaveLength(1)
  })

  test("authFailure 'close': refused by a close after the upgrade, reported once at authorize with the close code", async () => {
    const { refusals, upgrade } = setup()
    const decision = await upgrade('/ws/closing?token=wrong')
    expect(decision).toMatchObject({ ok: true, refusal: { code: 4401, reason: 'Invalid token' } })
    expect(refusals).toMatchObject([{ code: 'UNAUTHORIZED', status: 401, closeCode: 4401, message: 'Invalid token', route: 'closing' }])
  })

  test('404 under the prefix is reported; a path outside it is not this bridge’s and is not', async () => {
    const { bridge, refusals } = setup()
    expect(bridge.notFound({ url: '/ws/nope?token=x', headers: {} })).toMatchObject({ ok: false, status: 404, message: 'Not found' })
    expect(bridge.notFound({ url: '/ws//nope/deeper', headers: {} })).toMatchObject({ status: 404 })
    expect(bridge.notFound({ url: '/other', headers: {} })).toBeUndefined()
    expect(bridge.notFound({ url: '/wsx', headers: {} })).toBeUndefined()
    expect(refusals.map((r) => [r.code, r.status, r.path, r.route])).toEqual([
      ['ROUTE_NOT_FOUND', 404, '/ws/nope', undefined],
      ['ROUTE_NOT_FOUND', 404, '/ws//nope/deeper', undefined],
    ])
    // Without a prefix, every path is the bridge's.
    expect(createBridge(routes as Routes, { logger: false }).notFound({ url: '/anything', headers: {} })).toMatchObject({ status: 404 })
  })

  test('503 during shutdown, and a refusal the runtime made (400) through bridge.refuse', async () => {
    const { bridge, refusals, upgrade } = setup()
    const invalid = bridge.refuse(
      { url: '/ws/chat', headers: {}, ip: '10.0.0.2' },
      new WsError('INVALID_HANDSHAKE', 'Missing Sec-WebSocket-Key'),
      bridge.match('/ws/chat'),
    )
    expect(invalid).toMatchObject({ ok: false, status: 400, message: 'Missing Sec-WebSocket-Key' })
    await bridge.close({ timeout: 10 })
    expect(await upgrade('/ws/strict')).toMatchObject({ ok: false, status: 503, message: 'Server is shutting down' })
    expect(refusals.map((r) => [r.code, r.status, r.route, r.blame])).toEqual([
      ['INVALID_HANDSHAKE', 400, 'chat', 'client'],
      ['TOO_MANY_CONNECTIONS', 503, 'strict', 'client'],
    ])
  })

  test('a hook that fails after handshakeTimeout: one refusal (HANDSHAKE_TIMEOUT), not a second when it settles', async () => {
    let fail: (error: Error) => void = () => undefined
    const slow = defineRoute({
      kind: 'ws',
      limits: { handshakeTimeout: 20 },
      auth: () => new Promise<null>((_, reject) => (fail = reject)),
      handler: { onMessage: () => undefined },
    })
    const refusals: WsRefusal[] = []
    const bridge = createBridge({ slow } as Routes, { logger: false, onRefused: (r) => void refusals.push(r) })
    const decision = await bridge.authorize({ url: '/slow', headers: {} }, bridge.match('/slow')!)
    expect(decision).toMatchObject({ ok: false, status: 503 })
    fail(new Error('too late'))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(refusals.map((r) => r.code)).toEqual(['HANDSHAKE_TIMEOUT'])
  })

  test('an onRefused hook that throws is contained and logged', async () => {
    const logger = recordingLogger()
    const { upgrade } = setup({
      onRefused: () => {
        throw new Error('hook bug')
      },
      logger,
    })
    expect(await upgrade('/ws/chat')).toMatchObject({ ok: false, status: 401 })
    expect(logger.lines.map((l) => l.message)).toContain('[wsbridge] onRefused hook threw: hook bug')
  })
})
