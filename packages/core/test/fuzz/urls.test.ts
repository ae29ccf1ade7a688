import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { upgradeUrl } from '../../src/adapter/index.js'
import { FuzzSurface } from './settings.js'
import { anyText } from './text.js'
import { createUrlBridge, urlRoutes as routes } from './url-bridge.js'

// Upgrade URLs at the router: any path, parameter, query (percent-encoding, malformed escapes, very
// long) or Host header gets a match or none, and never throws. The client's URL builder is
// client-urls.test.ts's, the handshake headers handshake-headers.test.ts's; the wire-level half
// (real HTTP upgrades on every host) is the conformance group `fuzz`.

const surface = new FuzzSurface('urls (core)')
afterAll(() => void surface.report())

const bridge = createUrlBridge()
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
})
