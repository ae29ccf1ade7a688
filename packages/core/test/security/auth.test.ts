import { describe, expect, it } from 'vitest'
import { WsError } from '../../src/errors.js'
import { tokenAuth } from '../../src/security/auth-helpers.js'
import { toAuthOutcome } from '../../src/security/auth-outcome.js'
import type { UpgradeContext } from '../../src/upgrade.js'

function request(
  init: { query?: Record<string, string>; headers?: Record<string, string>; protocols?: string[] } = {},
): UpgradeContext<any> {
  return {
    url: new URL('ws://x/'),
    headers: init.headers ?? {},
    ip: '',
    params: {},
    query: init.query ?? {},
    protocols: init.protocols ?? [],
  }
}

const verify = (token: string) => (token === 'ok' ? { id: 1 } : null)

describe('tokenAuth', () => {
  it('reads the token from query (default), header, cookie, protocol and a custom extractor', async () => {
    expect(await tokenAuth(verify)(request({ query: { token: 'ok' } }))).toEqual({ id: 1 })
    expect(await tokenAuth(verify, { from: 'query', param: 'access_token' })(request({ query: { access_token: 'ok' } }))).toEqual({ id: 1 })
    expect(await tokenAuth(verify, { from: 'header' })(request({ headers: { authorization: 'Bearer ok' } }))).toEqual({ id: 1 })
    expect(await tokenAuth(verify, { from: 'header' })(request({ headers: { authorization: 'Basic ok' } }))).toMatchObject({
      success: false,
      code: 401,
    })
    expect(await tokenAuth(verify, { from: 'cookie', cookieName: 'sid' })(request({ headers: { cookie: 'a=1; sid=ok' } }))).toEqual({
      id: 1,
    })
    expect(await tokenAuth(verify, { from: 'protocol' })(request({ protocols: ['v1', 'bearer.ok'] }))).toEqual({ id: 1 })
    expect(
      await tokenAuth(verify, { from: 'custom', extract: (r) => r.headers['x-key'] })(request({ headers: { 'x-key': 'ok' } })),
    ).toEqual({ id: 1 })
  })
  it('refuses a missing token without calling verify, and turns a verify exception into a 401 carrying it as the cause', async () => {
    let calls = 0
    const hook = tokenAuth((token) => {
      calls++
      throw new Error(`db down: ${token}`)
    })
    expect(await hook(request())).toEqual({ success: false, code: 401, reason: 'Missing token' })
    expect(calls).toBe(0)
    // Thrown as a 401 "Invalid token" whose cause is verify's exception: the bridge answers a plain
    // 401 and hands the cause to onRefused and the log only.
    const thrown = await hook(request({ query: { token: 't' } })).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(thrown).toBeInstanceOf(WsError)
    expect(thrown).toMatchObject({ code: 'UNAUTHORIZED', message: 'Invalid token', cause: new Error('db down: t') })
    await expect(tokenAuth(() => Promise.reject(new WsError('FORBIDDEN')))(request({ query: { token: 't' } }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
  })
  it('echoes the first non-credential subprotocol', () => {
    const hook = tokenAuth(verify, { from: 'protocol' })
    expect(hook.selectProtocol?.(['bearer.ok', 'chat'])).toBe('chat')
    expect(hook.selectProtocol?.(['bearer.ok'])).toBe('bearer.ok')
  })
})

describe('toAuthOutcome', () => {
  it('maps every result form to user data or a 401/403 with close codes', () => {
    expect(toAuthOutcome({ id: 1 })).toEqual({ ok: true, user: { id: 1 } })
    expect(toAuthOutcome({ success: true, data: { id: 2 } })).toEqual({ ok: true, user: { id: 2 } })
    expect(toAuthOutcome(null)).toMatchObject({ ok: false, closeCode: 4401 })
    expect(toAuthOutcome({ success: false, code: 403 })).toMatchObject({ ok: false, closeCode: 4403, error: { code: 'FORBIDDEN' } })
    expect(toAuthOutcome({ success: false, code: 4002, reason: 'Invalid token' })).toMatchObject({
      ok: false,
      closeCode: 4002,
      reason: 'Invalid token',
      error: { code: 'UNAUTHORIZED', status: 401 },
    })
  })
})
