import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import type { ConformanceCase } from '../../case.js'
import type { SuiteContext } from '../../context.js'
import { expectEchoes } from '../../helpers.js'
import { rawHttpRequest, rawUpgradeRequest, type RawResponse } from '../../raw-http.js'
import { recorded } from '../../recorder.js'
import { APP_BODY } from '../../routes/handshake.js'

/**
 * A refusal as every host must write it: the status, the message as a plain-text body, and the
 * connection closed (`Connection: close`, unless the host declares its runtime rewrites that header: `refusalHeaders`).
 */
export function expectRefusal(ctx: SuiteContext, response: RawResponse, status: number, body: string): void {
  expect({ status: response.status, body: response.body }).toEqual({ status, body })
  expect(response.headers['content-type']?.replace(/\s+/g, '').toLowerCase()).toBe('text/plain;charset=utf-8')
  expect(response.headers['content-length']).toBe(String(Buffer.byteLength(body)))
  if (ctx.capabilities.refusalHeaders !== false) expect(response.headers['connection']?.toLowerCase()).toBe('close')
}

/** An upgrade request with exactly these handshake headers (none added). */
function handshake(ctx: SuiteContext, path: string, headers: Readonly<Record<string, string>>, method = 'GET'): Promise<RawResponse> {
  return rawHttpRequest(ctx.running.httpUrl, {
    method,
    path: `${ctx.prefix}${path}`,
    headers: { connection: 'Upgrade', upgrade: 'websocket', ...headers },
  })
}

const key = (): string => randomBytes(16).toString('base64')

/** What a refused or malformed upgrade is answered with: one answer per case, byte for byte the same on every host. */
export const answerCases: readonly ConformanceCase[] = [
  {
    name: 'refusals before the upgrade (401, 403, 404, 500, 503) carry the same status, plain-text body and headers on every host',
    async run(ctx) {
      const upgrade = (path: string, headers?: Record<string, string>) =>
        rawUpgradeRequest(ctx.running.httpUrl, `${ctx.prefix}${path}`, headers)
      expectRefusal(ctx, await upgrade('/hsAuth'), 401, 'Missing token')
      expectRefusal(ctx, await upgrade('/hsAuth?token=wrong'), 401, 'Invalid token')
      expectRefusal(ctx, await upgrade('/hsAuth?token=forbidden'), 403, 'Not your room')
      expectRefusal(ctx, await upgrade('/echo', { origin: 'https://evil.example' }), 403, 'Origin not allowed')
      expectRefusal(ctx, await upgrade('/no-such-route'), 404, 'Not found')
      expectRefusal(ctx, await upgrade('/hsContextThrows'), 500, 'Internal error')
      const held = await ctx.connect('/hsCap')
      expectRefusal(ctx, await upgrade('/hsCap'), 503, 'Too many connections')
      await expectEchoes(held, 'still open')
    },
  },
  {
    name: 'a malformed handshake is refused before any hook: 400 without a valid Sec-WebSocket-Key or with a method other than GET, 426 with Sec-WebSocket-Version: 13 for another version',
    async run(ctx) {
      const t = ctx.token()
      const path = `/hsAuth?t=${t}&token=good`
      expectRefusal(ctx, await handshake(ctx, path, { 'sec-websocket-version': '13' }), 400, 'Missing or invalid Sec-WebSocket-Key header')
      expectRefusal(
        ctx,
        await handshake(ctx, path, { 'sec-websocket-version': '13', 'sec-websocket-key': 'not-16-bytes' }),
        400,
        'Missing or invalid Sec-WebSocket-Key header',
      )
      if (ctx.capabilities.nonGetUpgrade !== false)
        expectRefusal(
          ctx,
          await handshake(ctx, path, { 'sec-websocket-version': '13', 'sec-websocket-key': key() }, 'POST'),
          400,
          'Invalid HTTP method',
        )
      for (const version of [{ 'sec-websocket-version': '8' }, {}]) {
        const response = await handshake(ctx, path, { ...version, 'sec-websocket-key': key() })
        expect({ status: response.status, body: response.body, version: response.headers['sec-websocket-version'] }).toEqual({
          status: 426,
          body: '',
          version: '13',
        })
      }
      expect(recorded(t)).toEqual([])
      // The same route upgrades a well-formed handshake.
      expect((await handshake(ctx, path, { 'sec-websocket-version': '13', 'sec-websocket-key': key() })).status).toBe(101)
    },
  },
  {
    name: 'a request with Upgrade: websocket but no Connection: Upgrade is plain HTTP on every host: the app answers it',
    needs: 'fallbackRoute',
    async run(ctx) {
      const before = await ctx.running.connectionCount()
      const response = await rawHttpRequest(ctx.running.httpUrl, {
        path: `${ctx.prefix}/echo`,
        headers: { upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': key() },
      })
      expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: APP_BODY })
      expect(await ctx.running.connectionCount()).toBe(before)
    },
  },
  {
    name: 'an upgrade for an unknown path under the prefix is 404 even where the app answers every path; a plain request for it still reaches the app',
    needs: 'fallbackRoute',
    async run(ctx) {
      expectRefusal(ctx, await rawUpgradeRequest(ctx.running.httpUrl, `${ctx.prefix}/no-such-route`), 404, 'Not found')
      const plain = await rawHttpRequest(ctx.running.httpUrl, { path: `${ctx.prefix}/no-such-route` })
      expect({ status: plain.status, body: plain.body }).toEqual({ status: 200, body: APP_BODY })
    },
  },
]
