import { describe, expect, it } from 'vitest'
import { createBridge } from '../src/bridge.js'
import { defineRoute } from '../src/route.js'
import { recordingLogger } from './logging/fake-log.js'

const handler = { onMessage: () => undefined }
const routes = {
  open: defineRoute({ kind: 'ws', handler }),
  guarded: defineRoute({ kind: 'ws', auth: ({ query }) => (query['token'] === 'ok' ? { name: 'ada' } : null), handler }),
  contextual: defineRoute({ kind: 'ws', context: () => ({ started: 1 }), handler }),
}

/** The bridges' log lines: a refused upgrade gives a development hint, asserted below rather than printed. */
const log = recordingLogger()

function check(name: keyof typeof routes, query = '') {
  const bridge = createBridge(routes, { logger: log })
  const match = bridge.match(`http://localhost/${name}${query}`)!
  return bridge.authorize({ url: match.url.href, headers: { host: 'localhost' }, ip: '127.0.0.1' }, match)
}

// Adapters upgrade in the same call when the decision is synchronous (Bun answers a `fetch` that
// returns a promise on a slower path), so only hooks may make it a promise.
describe('bridge.authorize', () => {
  it('decides synchronously for a route without auth or context hooks', () => {
    const decision = check('open')
    expect(decision).not.toBeInstanceOf(Promise)
    expect(decision).toMatchObject({ ok: true, user: undefined, context: {} })
  })
  it('returns a promise when an auth or context hook runs, with what the hooks returned', async () => {
    const guarded = check('guarded', '?token=ok')
    expect(guarded).toBeInstanceOf(Promise)
    expect(await guarded).toMatchObject({ ok: true, user: { name: 'ada' } })
    expect(await check('guarded', '?token=no')).toMatchObject({ ok: false, status: 401 })
    expect(log.lines).toContainEqual({
      level: 'warn',
      message: expect.stringContaining('route "guarded"\'s auth hook refused an upgrade with 401'),
    })
    expect(await check('contextual')).toMatchObject({ ok: true, context: { started: 1 } })
  })
})
