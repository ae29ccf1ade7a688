import { afterEach, describe, expect, test, vi } from 'vitest'
import { createBridge, defineRoute, tokenAuth, type Routes } from '../../src/index.js'

const routes: Routes = {
  chat: defineRoute({
    kind: 'ws',
    limits: { allowedOrigins: ['https://app.example'] },
    auth: tokenAuth((token) => {
      if (token === 'boom') throw new Error('db down')
      return token === 'good' ? { name: 'alice' } : null
    }),
    handler: { onMessage: () => undefined },
  }),
  broken: defineRoute({
    kind: 'ws',
    context: (): Record<string, unknown> => {
      throw new Error('context bug')
    },
    handler: { onMessage: () => undefined },
  }),
}

async function upgrade(bridge: ReturnType<typeof createBridge>, url: string, headers: Record<string, string> = {}) {
  return bridge.authorize({ url, headers, ip: '10.0.0.1' }, bridge.match(url)!)
}

describe('the default logger (console)', () => {
  afterEach(() => void vi.restoreAllMocks())

  test('is used when no logger is given, even with onError set: one warn line for an origin refusal, an error with the stack when verify throws, nothing for a bad token', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined)
    const bridge = createBridge(routes, { prefix: '/ws', onError: () => undefined })
    await upgrade(bridge, '/ws/chat?token=good', { origin: 'https://evil.example' })
    await upgrade(bridge, '/ws/chat?token=boom')
    await upgrade(bridge, '/ws/chat?token=wrong')
    expect(warn.mock.calls).toEqual([['[wsbridge] refused 403 ORIGIN_NOT_ALLOWED path=/ws/chat ip=10.0.0.1 route=chat origin=https://evil.example: Origin not allowed']])
    expect(error.mock.calls).toEqual([['[wsbridge] refused 401 UNAUTHORIZED path=/ws/chat ip=10.0.0.1 route=chat: Invalid token', new Error('db down')]])
    expect(debug).not.toHaveBeenCalled()
  })

  test('logger: false writes nothing, not even for a server failure', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const errors: unknown[] = []
    const bridge = createBridge(routes, { prefix: '/ws', logger: false, onRefused: (refusal) => void errors.push(refusal.error) })
    await upgrade(bridge, '/ws/chat?token=good', { origin: 'https://evil.example' })
    await upgrade(bridge, '/ws/chat?token=boom')
    await upgrade(bridge, '/ws/broken')
    expect(errors).toHaveLength(3)
    expect(warn).not.toHaveBeenCalled()
    expect(error).not.toHaveBeenCalled()
  })
})
