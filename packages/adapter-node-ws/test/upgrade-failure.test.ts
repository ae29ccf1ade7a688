import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createBridge, defineRoute, type Bridge, type WsError, type WsLogger, type WsRefusal } from '@wsbridge/core'
import type { UpgradeDecision } from '@wsbridge/core/adapter'
import { rawUpgradeRequest } from '@wsbridge/conformance'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createNodeWebSocketServer } from '../src/index.js'

const routes = { echo: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }) }
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  vi.restoreAllMocks()
})

interface Line {
  readonly level: string
  readonly message: string
  readonly error?: unknown
}

/**
 * A bridge whose `authorize` fails as `fail` says. `authorize` itself never throws or rejects; this
 * stands in for a bug in the adapter's own upgrade code, which the adapter guards against.
 */
async function brokenServer(fail: () => UpgradeDecision | Promise<UpgradeDecision>) {
  const refusals: WsRefusal[] = []
  const errors: WsError[] = []
  const lines: Line[] = []
  const logger: WsLogger = {
    error: (message, error) => void lines.push({ level: 'error', message, error }),
    warn: (message) => void lines.push({ level: 'warn', message }),
  }
  const real = createBridge(routes, {
    prefix: '/api',
    logger,
    onRefused: (r) => void refusals.push(r),
    onError: (e) => void errors.push(e),
  })
  const broken: Bridge<typeof routes> = { ...real, authorize: fail }
  const wss = createNodeWebSocketServer(broken)
  const server = wss.attach(createServer())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await real.close()
  })
  return { http: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, refusals, errors, lines }
}

describe('a failure in the adapter’s own upgrade code', () => {
  const bug = new Error('adapter bug')
  const failures: [string, () => UpgradeDecision | Promise<UpgradeDecision>][] = [
    [
      'thrown',
      () => {
        throw bug
      },
    ],
    ['rejected', () => Promise.reject(bug)],
  ]
  for (const [how, fail] of failures) {
    it(`(${how}) is a 500 reported like a refusal the server caused: onRefused, onError, one error line with the stack, nothing on the console`, async () => {
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
      const { http, refusals, errors, lines } = await brokenServer(fail)
      const response = await rawUpgradeRequest(http, '/api/echo?token=secret')
      expect([response.status, response.body]).toEqual([500, 'Internal error'])
      expect(refusals.map(({ code, blame, route, path, status }) => ({ code, blame, route, path, status }))).toEqual([
        { code: 'INTERNAL', blame: 'server', route: 'echo', path: '/api/echo', status: 500 },
      ])
      expect(refusals[0]!.error.cause).toBe(bug)
      expect(errors).toEqual([refusals[0]!.error])
      expect(lines).toEqual([
        {
          level: 'error',
          message: '[wsbridge] refused 500 INTERNAL path=/api/echo ip=127.0.0.1 route=echo: Upgrade failed: adapter bug',
          error: bug,
        },
      ])
      expect(consoleError).not.toHaveBeenCalled()
    })
  }
})
