import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { createBridge, defineRoute, tokenAuth, type UpgradeRequest } from '../../src/index.js'
import { upgradeUrl } from '../../src/adapter/index.js'
import { buildRouteUrl } from '../../src/client/url.js'
import { FuzzSurface } from './settings.js'
import { anyText, wellFormed } from './text.js'

// Upgrade URLs and handshake headers, at the router and `bridge.authorize`: any path, parameter,
// query (percent-encoding, malformed escapes, very long) or Origin / Cookie / Authorization value
// gets a match or none and a documented decision, and never throws. The wire-level half (real
// HTTP upgrades on every host) is the conformance group `fuzz`.

const surface = new FuzzSurface('urls (core)')
afterAll(() => void surface.report())

const noop = { onMessage: () => undefined }
/** `good` is a valid token; `boom` makes verify throw (docs: still a plain 401). */
const verify = (token: string): { name: string } | null => {
  if (token === 'boom') throw new Error('database down')
  return token === 'good' ? { name: 'alice' } : null
}
const routes = {
  chat: defineRoute({ kind: 'ws', handler: noop }),
  room: defineRoute({ kind: 'ws', path: '/rooms/:roomId/:tab?', handler: noop }),
  header: defineRoute({ kind: 'ws', auth: tokenAuth(verify, { from: 'header' }), handler: noop }),
  cookie: defineRoute({ kind: 'ws', auth: tokenAuth(verify, { from: 'cookie', cookieName: 'sid' }), handler: noop }),
  query: defineRoute({ kind: 'ws', auth: tokenAuth(verify), handler: noop }),
  origin: defineRoute({ kind: 'ws', limits: { allowedOrigins: ['https://app.example', 'https://*.trusted.example'] }, handler: noop }),
}
const bridge = createBridge(routes, { prefix: '/api', onError: () => undefined, logger: false })
afterAll(() => bridge.close({ timeout: 10 }))

const percentJunk = fc.constantFrom(
  '%',
  '%%',
  '%zz',
  '%E0%A4%A',
  '%C0%80',
  '%ED%A0%80',
  '%FF',
  '%2F',
  '%2e%2e',
  '%00',
  '%0A',
  '%u0041',
  '%F0%9F%98',
)
const pathChar = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
  fc.constantFrom('/', '//', '?', '#', '\\', '.', '..', ' ', '\t', '\n'),
  percentJunk,
  anyText(1),
)
/** Real route paths, dressed up the ways a request target can be: dot segments, doubled slashes, escapes. */
const routeLike = fc
  .tuple(
    fc.constantFrom('', '/', '//', '/./', '/../', '/api/..', 'ws://h', 'http://localhost', '/%2e'),
    fc.constantFrom('/api/chat', '/api/rooms/r1', '/api/rooms/r1/t', '/api/header', '/api/rooms/%E0%A4%A', '/API/chat', '/api/chat/'),
    fc.constantFrom('', '/', '?x=1', '#f', '%2F', '/..', '?', '?token=%zz', '/./'),
  )
  .map((parts) => parts.join(''))
const rawPath = fc.oneof(
  routeLike,
  fc.array(pathChar, { maxLength: 30 }).map((parts) => parts.join('')),
  fc
    .tuple(
      fc.constantFrom('/api/', '/api/rooms/', '//api/', '/api//', 'http://x/api/', 'ws://h:1/api/rooms/', ''),
      fc.array(pathChar, { maxLength: 12 }),
    )
    .map(([head, parts]) => head + parts.join('')),
  fc.integer({ min: 2000, max: 20_000 }).map((n) => `/api/rooms/${'a'.repeat(n)}?${'q=1&'.repeat(n / 8)}`),
)

/** A segment value that survives URL normalisation: `.` and `..` are path navigation, not values. */
const paramValue = anyText(16).filter((s) => s !== '' && s !== '.' && s !== '..' && !/[\uD800-\uDFFF]/.test(s))

describe('fuzz: URLs', () => {
  it(
    'router.match never throws, and a match is a route of the table with string params and query',
    () => {
      fc.assert(
        fc.property(
          rawPath,
          surface.counted((url: string) => {
            const match = bridge.match(url)
            if (!match) return
            expect(Object.keys(routes)).toContain(match.name)
            for (const value of Object.values(match.params)) expect(value === undefined || typeof value === 'string').toBe(true)
            for (const value of Object.values(match.query)) expect(typeof value).toBe('string')
          }),
        ),
        surface.params(2000),
      )
    },
    surface.timeout(2000, 1),
  )

  it(
    'parameters and query values round-trip through percent-encoding, whatever their characters',
    () => {
      const key = fc.oneof(
        anyText(8).filter((k) => !/[\uD800-\uDFFF]/.test(k)),
        fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'token'),
      )
      const query = fc.dictionary(
        key,
        anyText(12).filter((v) => !/[\uD800-\uDFFF]/.test(v)),
        { maxKeys: 4 },
      )
      fc.assert(
        fc.property(
          paramValue,
          fc.option(paramValue, { nil: undefined }),
          query,
          surface.counted((roomId: string, tab: string | undefined, params: Record<string, string>) => {
            const search = new URLSearchParams(Object.entries(params)).toString()
            const url = `/api/rooms/${encodeURIComponent(roomId)}${tab === undefined ? '' : `/${encodeURIComponent(tab)}`}${search ? `?${search}` : ''}`
            const match = bridge.match(url)
            expect(match?.name).toBe('room')
            expect({ ...match!.params }).toEqual({ roomId, tab })
            for (const [key, value] of Object.entries(params))
              expect(Object.hasOwn(match!.query, key) && match!.query[key], key).toBe(value)
          }),
        ),
        surface.params(1000),
      )
    },
    surface.timeout(1000, 1),
  )

  it(
    'a URL the client builds reaches the route it named, with the same params and query (or the client refuses it)',
    () => {
      const value = fc.oneof(anyText(10), fc.constantFrom('', '.', '..', '%', '/', '?', '#', ' ', '%2e', '\uD800'))
      const key = fc.oneof(anyText(6), fc.constantFrom('__proto__', 'constructor', 'token', 'roomId', '~resume'))
      const query = fc.dictionary(key, fc.oneof(value, fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 4 })
      fc.assert(
        fc.property(
          value,
          fc.option(value, { nil: undefined }),
          query,
          query,
          surface.counted((roomId: string, tab: string | undefined, args: Record<string, unknown>, extra: Record<string, unknown>) => {
            const all = { ...args, roomId, ...(tab === undefined ? {} : { tab }) } as Record<string, string>
            const navigation = (v: string | undefined): boolean => v === '' || v === '.' || v === '..'
            let url: string
            try {
              url = buildRouteUrl(new URL('ws://h/api/'), '/rooms/:roomId/:tab?', all, extra as Record<string, string>)
            } catch (error) {
              expect(error).toBeInstanceOf(TypeError)
              expect((error as Error).message).toMatch(/^\[wsbridge\] /)
              expect(navigation(roomId) || navigation(tab)).toBe(true)
              return
            }
            expect(navigation(roomId) || navigation(tab), url).toBe(false)
            const match = bridge.match(url)
            expect(match?.name, url).toBe('room')
            expect({ ...match!.params }).toEqual({ roomId: wellFormed(roomId), tab: tab === undefined ? undefined : wellFormed(tab) })
            // docs/client.md: every non-parameter key goes to the query, later ones (the params object) winning;
            // keys that differ only in lone surrogates are one key on the wire (U+FFFD).
            const sent = new Map<string, string>()
            for (const [k, v] of [...Object.entries(extra), ...Object.entries(args)]) {
              if (k === 'roomId' || k === 'tab' || v === null || v === undefined) continue
              sent.set(wellFormed(k), wellFormed(String(v)))
            }
            for (const [k, v] of sent) expect(Object.hasOwn(match!.query, k) && match!.query[k], k).toBe(v)
          }),
        ),
        surface.params(1000),
      )
    },
    surface.timeout(1000, 1),
  )

  it(
    'the Host header never changes which route an upgrade URL reaches',
    () => {
      const host = fc.oneof(
        fc.constantFrom(
          '127.0.0.1:3000',
          'example.com',
          '[::1]:8080',
          'a b',
          'evil.com/../x',
          '',
          '.0',
          '1.2.3.999',
          '0x1.0x2',
          '[::zz]',
          'h:99999',
        ),
        fc.string({ maxLength: 20 }),
        fc.constant(undefined),
      )
      fc.assert(
        fc.property(
          rawPath,
          host,
          surface.counted((url: string, hostHeader: string | undefined) => {
            if (!url.startsWith('/')) return
            const direct = bridge.match(upgradeUrl(url, '127.0.0.1:3000'))
            const viaHost = bridge.match(upgradeUrl(url, hostHeader))
            expect(viaHost?.name, `${url} with Host ${JSON.stringify(hostHeader)}`).toBe(direct?.name)
            expect(viaHost && { ...viaHost.params }).toEqual(direct && { ...direct.params })
          }),
        ),
        surface.params(1000),
      )
    },
    surface.timeout(1000, 1),
  )

  it(
    'authorize: any Origin, Cookie, Authorization or Host gives an upgrade or a 401/403, never a throw or a 500',
    async () => {
      const token = fc.oneof(fc.constantFrom('good', 'boom', 'bad', ''), anyText(10))
      const headerValue = fc.oneof(anyText(40), fc.string({ unit: 'binary-ascii', maxLength: 60 }))
      const headers = fc.record(
        {
          origin: fc.oneof(
            fc.constantFrom(
              'https://app.example',
              'https://x.trusted.example',
              'https://trusted.example',
              'null',
              'http://127.0.0.1:3000',
              'https://evil.example',
            ),
            headerValue,
          ),
          cookie: fc.oneof(
            token.map((t) => `sid=${t}`),
            token.map((t) => `a=1; sid=${encodeURIComponent(wellFormed(t))}; sid=good`),
            headerValue,
          ),
          authorization: fc.oneof(
            token.map((t) => `Bearer ${t}`),
            token.map((t) => `bearer   ${t}  `),
            headerValue,
          ),
          host: fc.oneof(fc.constantFrom('127.0.0.1:3000', 'app.example'), headerValue),
          'sec-websocket-protocol': headerValue,
        },
        { requiredKeys: [] },
      )
      const shape = fc.constantFrom('object', 'arrays', 'Headers')
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('chat', 'header', 'cookie', 'query', 'origin'),
          headers,
          shape,
          token,
          surface.counted(async (route, values: Record<string, string>, form, queryToken: string) => {
            const url = `/api/${route}?token=${encodeURIComponent(wellFormed(queryToken))}`
            const match = bridge.match(url)!
            let requestHeaders: UpgradeRequest['headers'] = values
            if (form === 'arrays') requestHeaders = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, [v, v]]))
            if (form === 'Headers') {
              const web = new Headers()
              for (const [k, v] of Object.entries(values)) {
                try {
                  web.append(k, v)
                } catch {
                  // Not a legal header value (the runtime would refuse the request before us).
                }
              }
              requestHeaders = web
            }
            const decision = await bridge.authorize({ url, headers: requestHeaders, ip: '127.0.0.1' }, match)
            // docs/security.md: no Origin passes the origin check, and so does one on the route's allow-list.
            const listed = route === 'origin' && ['https://app.example', 'https://x.trusted.example'].includes(values['origin'] ?? '')
            const originOk = values['origin'] === undefined || (listed && form !== 'arrays')
            if (route === 'origin' && originOk) expect(decision.ok).toBe(true)
            if (route === 'origin' && values['origin'] === 'https://evil.example')
              expect(decision).toMatchObject({ ok: false, status: 403 })
            if (originOk && form !== 'arrays' && route === 'header' && values['authorization'] === 'Bearer good')
              expect(decision.ok).toBe(true)
            if (originOk && form === 'object' && route === 'cookie' && values['cookie'] === 'sid=good') expect(decision.ok).toBe(true)
            if (originOk && route === 'query' && wellFormed(queryToken) === 'good') expect(decision.ok).toBe(true)
            if (decision.ok) return
            expect([401, 403]).toContain(decision.status)
            expect(decision.error.code).toMatch(/^(UNAUTHORIZED|FORBIDDEN|ORIGIN_NOT_ALLOWED)$/)
          }),
        ),
        surface.params(1000),
      )
    },
    surface.timeout(1000, 1),
  )
})
