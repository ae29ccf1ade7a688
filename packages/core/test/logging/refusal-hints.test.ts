import { afterEach, describe, expect, test, vi } from 'vitest'
import { createBridge, defineRoute, tokenAuth, WsError, type Routes } from '../../src/index.js'
import { BridgeLog } from '../../src/logging/bridge-log.js'
import { RefusalHints } from '../../src/logging/refusal-hints.js'
import { describeRefusal } from '../../src/refusal.js'
import { recordingLogger } from './fake-log.js'

const hintsOf = (lines: readonly { message: string }[]) => lines.map((l) => l.message).filter((m) => m.includes('hint'))

describe('refusal hints (development)', () => {
  const page = { origin: 'http://127.0.0.1:5173', host: 'localhost:3000' }

  test('the first refusal of a cause says how to fix it; repeats and other requests of the same cause do not', () => {
    const sink = recordingLogger(false)
    const log = new BridgeLog(sink, 0, undefined, new RefusalHints(['/api/chat', '/api/rooms/:roomId']))
    const refuse = (url: string, headers: Record<string, string>, error: WsError) =>
      log.refused(describeRefusal({ url, headers, ip: '127.0.0.1' }, error, 'client', { route: 'chat' }))
    for (let i = 0; i < 3; i++) refuse('/api/chat', page, new WsError('ORIGIN_NOT_ALLOWED'))
    refuse('/api/chat', { ...page, origin: 'http://127.0.0.1:8080' }, new WsError('ORIGIN_NOT_ALLOWED'))
    for (let i = 0; i < 2; i++)
      log.refused(describeRefusal({ url: '/api/chatt?token=x', headers: {} }, new WsError('ROUTE_NOT_FOUND'), 'client'))
    expect(hintsOf(sink.lines)).toEqual([
      '[wsbridge] hint (development, once per cause): upgrade from Origin "http://127.0.0.1:5173" refused for Host "localhost:3000": by default only pages served from the same host may connect. If that page is yours, allow it: allowedOrigins: ["http://127.0.0.1:5173"] in the bridge options (or open the page from the same host and port as the server).',
      '[wsbridge] hint (development, once per cause): upgrade from Origin "http://127.0.0.1:8080" refused for Host "localhost:3000": by default only pages served from the same host may connect. If that page is yours, allow it: allowedOrigins: ["http://127.0.0.1:8080"] in the bridge options (or open the page from the same host and port as the server).',
      '[wsbridge] hint (development, once per cause): no route at "/api/chatt"; this bridge serves "/api/chat", "/api/rooms/:roomId". A typed client needs every custom route path (and the bridge prefix in its baseUrl).',
    ])
    expect(sink.lines.filter((l) => l.message.includes('hint')).every((l) => l.level === 'warn')).toBe(true)
  })

  test('a scanner walking paths gets at most 64 hints, then none', () => {
    const sink = recordingLogger(false)
    const log = new BridgeLog(sink, 0, undefined, new RefusalHints(['/ws']))
    for (let i = 0; i < 500; i++)
      log.refused(describeRefusal({ url: `/probe/${i}`, headers: {} }, new WsError('ROUTE_NOT_FOUND'), 'client'))
    expect(hintsOf(sink.lines)).toHaveLength(64)
  })
})

describe('a bridge adds hints outside production only', () => {
  afterEach(() => vi.unstubAllEnvs())
  const routes = {
    chat: defineRoute({ kind: 'ws', auth: tokenAuth(() => null), handler: { onMessage: () => undefined } }),
    room: defineRoute({ kind: 'ws', path: '/rooms/:id', handler: { onMessage: () => undefined } }),
  } as Routes

  async function refusalsLogged(): Promise<string[]> {
    const logger = recordingLogger(false)
    const bridge = createBridge(routes, { prefix: '/api', logger, logLimit: 0 })
    const request = (url: string, headers: Record<string, string> = {}) => ({ url, headers, ip: '127.0.0.1' })
    await bridge.notFound(request('/api/nope'))
    const chat = bridge.match('/api/chat')
    if (chat) await bridge.authorize(request('/api/chat', { host: 'localhost:3000', origin: 'http://localhost:5173' }), chat)
    if (chat) await bridge.authorize(request('/api/chat', { host: 'localhost:3000' }), chat)
    return hintsOf(logger.lines)
  }

  test('development: the unknown path lists the routes with the prefix; origin and auth get their fix', async () => {
    vi.stubEnv('NODE_ENV', 'development')
    const hints = await refusalsLogged()
    expect(hints).toHaveLength(3)
    expect(hints[0]).toContain('this bridge serves "/api/chat", "/api/rooms/:id"')
    expect(hints[1]).toContain('allowedOrigins: ["http://localhost:5173"]')
    expect(hints[2]).toContain(`route "chat"'s auth hook refused an upgrade with 401`)
  })

  test('production: no hints', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    expect(await refusalsLogged()).toEqual([])
  })
})
