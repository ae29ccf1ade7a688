import fc from 'fast-check'
import { expect } from 'vitest'
import { fuzzParams, fuzzTimeout } from '../../fuzz/settings.js'
import { rawUpgradeRequest } from '../../raw-http.js'
import { fuzzCase } from './invariants.js'

const RUNS = 80
const TIMEOUT = fuzzTimeout(RUNS, 30)

/** What a refused or accepted upgrade may answer (docs/errors.md, docs/security.md): never 500, never silence. */
const DOCUMENTED = [101, 400, 401, 403, 404, 414, 431, 503]

// Request-target characters: visible ASCII without `#` and `.` (dot segments would leave the prefix,
// which is the host app's business, not wsbridge's), percent-escapes good and broken, some UTF-8.
const targetChar = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .integer({ min: 0x21, max: 0x7e })
      .map((c) => String.fromCharCode(c))
      .filter((c) => c !== '#' && c !== '.'),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%80', '%ED%A0%80', '%FF', '%2F', '%00', '%20', '%u0041', '//', '?', '&', '='),
  },
  { weight: 1, arbitrary: fc.constantFrom('é', '😀', 'я') },
)
const junk = (max: number): fc.Arbitrary<string> => fc.array(targetChar, { maxLength: max }).map((parts) => parts.join(''))
const segment = junk(12).filter((s) => s !== '' && !s.includes('/') && !s.includes('?'))

type Target = { route: 'echo' | 'room' | 'header' | 'cookie' | 'origin' | 'unknown'; path: string }
const target: fc.Arbitrary<Target> = fc.oneof(
  fc.constant({ route: 'echo' as const, path: '/fuzzEcho' }),
  fc
    .tuple(segment, fc.option(segment, { nil: undefined }))
    .map(([id, tab]) => ({ route: 'room' as const, path: `/fuzz/rooms/${id}${tab === undefined ? '' : `/${tab}`}` })),
  fc.constantFrom(
    { route: 'header' as const, path: '/fuzzHeaderAuth' },
    { route: 'cookie' as const, path: '/fuzzCookieAuth' },
    { route: 'origin' as const, path: '/fuzzOrigin' },
  ),
  segment.map((s) => ({ route: 'unknown' as const, path: `/nope-${s}` })),
)
const query = fc.oneof(
  fc.constant(''),
  junk(40).map((q) => `?${q}`),
  fc.integer({ min: 1000, max: 6000 }).map((n) => `?${'k=v&'.repeat(n / 4)}`),
)
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    'null',
    'Bearer',
    'Bearer good',
    'bearer   good  ',
    'Bearer good extra',
    'sid=good',
    'sid=good; sid=bad',
    'a=1;sid=%zz',
    'https://app.example',
    'https://x.trusted.example',
    'https://evil.example',
  ),
)
const headers = fc.record({ origin: headerValue, cookie: headerValue, authorization: headerValue }, { requiredKeys: [] })

function expectExactStatus(to: Target, sent: Record<string, string>, status: number): void {
  const plain = sent['origin'] === undefined
  if (to.route === 'echo' && plain) expect(status).toBe(101)
  if (to.route === 'unknown') expect(status).toBe(404)
  if (to.route === 'header' && plain && sent['authorization'] === 'Bearer good') expect(status).toBe(101)
  if (to.route === 'header' && plain && sent['authorization'] === undefined) expect(status).toBe(401)
  if (to.route === 'cookie' && plain && sent['cookie'] === 'sid=good') expect(status).toBe(101)
  if (to.route === 'origin' && sent['origin'] === 'https://evil.example') expect(status).toBe(403)
  if (to.route === 'origin' && sent['origin'] === 'https://x.trusted.example') expect(status).toBe(101)
}

/**
 * The target as wsbridge sees it: as sent where the adapter reads the raw target (Node); else as the
 * runtime parsed it (Bun, WHATWG URL rules: a `\` in the path is `/`, non-ASCII percent-encoded).
 */
function seenTarget(capabilities: { readonly rawRequestTarget?: boolean }, path: string): string {
  if (capabilities.rawRequestTarget) return path
  const parsed = new URL(path, 'http://fuzz.invalid')
  return parsed.pathname + parsed.search
}

/** Real HTTP upgrades with random paths, params, queries and Origin / Cookie / Authorization headers. */
export const upgradesCase = fuzzCase({
  name: 'fuzz: upgrade requests with any path, query and Origin, Cookie, Authorization get a documented status (101/400/401/403/404/…), never 500 or silence',
  surface: 'upgrades',
  timeout: TIMEOUT,
  async run(ctx, each) {
    await fc.assert(
      fc.asyncProperty(
        target,
        query,
        headers,
        each(async (to: Target, search: string, sent: Record<string, string>) => {
          const path = `${ctx.prefix}${to.path}${search}`
          const { status } = await rawUpgradeRequest(ctx.running.httpUrl, path, sent)
          expect(DOCUMENTED, `${status} for ${path} ${JSON.stringify(sent)}`).toContain(status)
          // Exact answers where the docs give one. A target RFC 3986 does not allow (a byte outside
          // visible ASCII, a `\`, a `%` without two hex digits) is 400 on every host, judged as the host
          // sees it (`seenTarget`); no Origin header is a non-browser client, which the origin check admits.
          if (/[^\x21-\x5b\x5d-\x7e]|%(?![0-9A-Fa-f]{2})/.test(seenTarget(ctx.capabilities, path)))
            expect(status, `${status} for ${path}`).toBe(400)
          else expectExactStatus(to, sent, status)
        }),
      ),
      fuzzParams(RUNS, TIMEOUT),
    )
  },
})
