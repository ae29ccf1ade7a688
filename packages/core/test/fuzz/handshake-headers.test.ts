import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import type { UpgradeRequest } from '../../src/index.js'
import { FuzzSurface } from './settings.js'
import { anyText, wellFormed } from './text.js'
import { createUrlBridge } from './url-bridge.js'

// Handshake headers at `bridge.authorize`: any Origin, Cookie, Authorization or Host value, as a
// plain object, as arrays or as web Headers, gets an upgrade or a documented refusal, never a throw.

const surface = new FuzzSurface('handshake-headers (core)')
afterAll(() => void surface.report())

const bridge = createUrlBridge()
afterAll(() => bridge.close({ timeout: 10 }))

describe('fuzz: handshake headers', () => {
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
