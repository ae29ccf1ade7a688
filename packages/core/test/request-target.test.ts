import { describe, expect, it } from 'vitest'
import { createBridge, defineRoute, type WsRefusal } from '../src/index.js'
import { refuseRequestTarget, requestTargetError } from '../src/adapter/index.js'

describe('requestTargetError: request targets RFC 3986 does not allow', () => {
  it.each([
    ['a backslash in the path', '/ws/echo\\'],
    ['a backslash in the query', '/ws/echo?x=\\'],
    ['a lone %', '/ws/echo%'],
    ['% and one hex digit', '/ws/echo?x=%4'],
    ['% and non-hex digits', '/ws/%zz'],
    ['a NUL', '/ws/echo\x00'],
    ['a control character in the query', '/ws/echo?x=\x1f'],
    ['DEL', '/ws/echo\x7f'],
    ['a non-ASCII character', '/ws/caf\u00e9'],
    ['a space', '/ws/a b'],
    ['an absolute-form target with a broken escape', 'http://127.0.0.1/ws/%'],
  ])('refuses %s', (_, target) => {
    expect(requestTargetError(target)).toMatchObject({ code: 'INVALID_HANDSHAKE', status: 400, message: 'Invalid request target' })
  })

  it.each([
    ['a plain path', '/ws/echo'],
    ['escapes, upper and lower case', '/ws/caf%C3%a9?x=%2F%41'],
    ['characters browsers send unescaped', '/ws/rooms/a|b^c{d}"e"[f]?q=a|b&c=`'],
    ['an absolute-form target', 'http://127.0.0.1:8080/ws/echo?x=1'],
    ['a fragment', '/ws/echo#x'],
  ])('accepts %s', (_, target) => {
    expect(requestTargetError(target)).toBeUndefined()
  })
})

describe('refuseRequestTarget', () => {
  const routes = { echo: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }) }

  it('refuses an invalid target under the prefix, on a route or not, reported once as INVALID_HANDSHAKE; leaves valid targets and other prefixes alone', () => {
    const refusals: WsRefusal[] = []
    const bridge = createBridge(routes, { prefix: '/ws', logger: false, onRefused: (r) => void refusals.push(r) })
    const refuse = (target: string) =>
      refuseRequestTarget(bridge, { url: `ws://a.example${target.replace(/\\/g, '/')}`, headers: {}, ip: '10.0.0.1' }, target)
    expect(refuse('/ws/echo\\')).toMatchObject({ ok: false, status: 400, message: 'Invalid request target' })
    expect(refuse('/ws\\nope%zz')).toMatchObject({ ok: false, status: 400 })
    expect(refuse('/ws/echo?x=%41')).toBeUndefined()
    expect(refuse('/elsewhere%zz')).toBeUndefined()
    expect(refusals.map(({ code, route, path, blame }) => ({ code, route, path, blame }))).toEqual([
      { code: 'INVALID_HANDSHAKE', route: 'echo', path: '/ws/echo/', blame: 'client' },
      { code: 'INVALID_HANDSHAKE', route: undefined, path: '/ws/nope%zz', blame: 'client' },
    ])
  })

  it('with no prefix, every path is the bridge’s', () => {
    const bridge = createBridge(routes, { logger: false })
    expect(refuseRequestTarget(bridge, { url: '/anything%', headers: {} }, '/anything%')).toMatchObject({ status: 400 })
  })
})
