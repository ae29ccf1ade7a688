import { createBridge } from '@wsbridge/core'
import { describe, expect, it } from 'vitest'
import { chatInspector } from '../src/server/inspector.js'

describe('the chat inspector switch', () => {
  it('is off unless WSBRIDGE_INSPECTOR=1, and never in production', () => {
    expect(chatInspector('node-ws', {})).toBeUndefined()
    expect(chatInspector('node-ws', { WSBRIDGE_INSPECTOR: 'true' })).toBeUndefined()
    expect(chatInspector('node-ws', { WSBRIDGE_INSPECTOR: '1', NODE_ENV: 'production' })).toBeUndefined()
    expect(chatInspector('node-ws', { WSBRIDGE_INSPECTOR: '1' })?.routes).toHaveProperty('__inspector')
  })

  it('admits other machines only with WSBRIDGE_INSPECTOR_TOKEN', () => {
    const page = (env: Record<string, string>, query: string, attach = true) => {
      const inspector = chatInspector('node-ws', { WSBRIDGE_INSPECTOR: '1', ...env })!
      if (attach) inspector.attach(createBridge(inspector.routes, { prefix: '/api' }))
      return inspector.fetch(new Request(`http://chat.test/__inspector${query}`), '192.168.1.20')?.status
    }
    expect(page({}, '?token=anything')).toBe(403)
    expect(page({ WSBRIDGE_INSPECTOR_TOKEN: 'k3y' }, '?token=nope')).toBe(403)
    expect(page({ WSBRIDGE_INSPECTOR_TOKEN: 'k3y' }, '?token=k3y')).toBe(200)
    expect(page({ WSBRIDGE_INSPECTOR_TOKEN: 'k3y' }, '?token=k3y', false)).toBe(503)
  })
})
