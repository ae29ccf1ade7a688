import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import type { ConformanceCase } from '../../case.js'
import { expectEchoes } from '../../helpers.js'
import { openClient } from '../../client.js'
import { rawHttpRequest, rawUpgradeRequest } from '../../raw-http.js'

/** Short enough for the suite, long enough that a loaded CI box answers well-formed upgrades inside it. */
const HANDSHAKE_TIMEOUT = 500

/** How the server ended a request: its status, or `'closed'` when it closed the connection without answering. */
async function answerOrClose(baseUrl: string, path: string, headers: Record<string, string>, timeout: number): Promise<number | 'closed'> {
  try {
    return (await rawHttpRequest(baseUrl, { path, headers, timeout })).status
  } catch (error) {
    if (/closed before a response|ECONNRESET/.test(String(error))) return 'closed'
    throw error
  }
}

/** Every socket a host is handed is answered or closed within `handshakeTimeout`, whatever the request holds back. */
export const boundCases: readonly ConformanceCase[] = [
  {
    name: 'handshakeTimeout: an upgrade whose Upgrade header comes after 1,000 other headers (Node drops it) is answered or closed in time, never held',
    needs: 'headerLimit',
    timeout: 15000,
    async run(ctx) {
      const host = await ctx.startHost({ routes: ['base', 'handshake'], options: { handshakeTimeout: HANDSHAKE_TIMEOUT } })
      try {
        const fillers = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`x-filler-${i}`, '1']))
        const headers = {
          connection: 'Upgrade',
          ...fillers,
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': randomBytes(16).toString('base64'),
        }
        const started = Date.now()
        // Several at once, on a route and off it: none may outlive the deadline (plus a loaded box's slack).
        const outcomes = await Promise.all(
          [`${ctx.prefix}/echo`, `${ctx.prefix}/echo`, '/elsewhere'].map((path) =>
            answerOrClose(host.httpUrl, path, headers, HANDSHAKE_TIMEOUT + 3000),
          ),
        )
        expect(Date.now() - started).toBeLessThan(HANDSHAKE_TIMEOUT + 3000)
        for (const outcome of outcomes) expect(outcome).not.toBe(101)
        expect(await host.connectionCount()).toBe(0)
        await expectEchoes(await openClient(`${host.wsUrl}${ctx.prefix}/echo`), 'still serving')
      } finally {
        await host.close()
      }
    },
  },
  {
    name: "handshakeTimeout: an auth hook that never settles is answered 503 'Handshake timed out' in time, and nothing opens later",
    timeout: 15000,
    async run(ctx) {
      const host = await ctx.startHost({ routes: ['base', 'handshake'], options: { handshakeTimeout: HANDSHAKE_TIMEOUT } })
      try {
        const started = Date.now()
        const response = await rawUpgradeRequest(host.httpUrl, `${ctx.prefix}/hsHang`).catch((error: unknown) => ({
          status: String(error),
          body: '',
        }))
        const elapsed = Date.now() - started
        expect({ status: response.status, body: response.body }).toEqual({ status: 503, body: 'Handshake timed out' })
        expect(elapsed).toBeGreaterThanOrEqual(HANDSHAKE_TIMEOUT - 50)
        expect(elapsed).toBeLessThan(HANDSHAKE_TIMEOUT + 2500)
        expect(await host.connectionCount()).toBe(0)
        // A well-formed upgrade to a route without hooks is never held by the deadline.
        await expectEchoes(await openClient(`${host.wsUrl}${ctx.prefix}/echo`), 'still serving')
      } finally {
        await host.close()
      }
    },
  },
]
