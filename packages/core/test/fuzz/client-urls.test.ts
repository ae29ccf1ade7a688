import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { buildRouteUrl } from '../../src/client/url.js'
import { FuzzSurface } from './settings.js'
import { anyText, wellFormed } from './text.js'
import { createUrlBridge } from './url-bridge.js'

// The client's URL builder against the server's router: whatever the parameters and query hold, a
// URL the client builds reaches the route it named with the same values, or the client refuses to
// build it (an empty parameter, or `.`/`..`, which URL normalisation would turn into navigation).

const surface = new FuzzSurface('client-urls (core)')
afterAll(() => void surface.report())

const bridge = createUrlBridge()
afterAll(() => bridge.close({ timeout: 10 }))

describe('fuzz: client URLs', () => {
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
})
