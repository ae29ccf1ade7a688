import * as v from 'valibot'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { consoleLogger, createBridge, defineRoute, tokenAuth, WsError, type Routes } from '../../src/index.js'
import { createTestBridge } from '../../src/testing/index.js'

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
  afterEach(() => {
    vi.restoreAllMocks()
    vi.unstubAllEnvs()
  })

  test('is used when no logger is given, even with onError set (production): one warn line for an origin refusal, an error with the stack when verify throws, nothing for a bad token', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined)
    const bridge = createBridge(routes, { prefix: '/ws', onError: () => undefined })
    await upgrade(bridge, '/ws/chat?token=good', { origin: 'https://evil.example' })
    await upgrade(bridge, '/ws/chat?token=boom')
    await upgrade(bridge, '/ws/chat?token=wrong')
    expect(warn.mock.calls).toEqual([
      ['[wsbridge] refused 403 ORIGIN_NOT_ALLOWED path=/ws/chat ip=10.0.0.1 route=chat origin=https://evil.example: Origin not allowed'],
    ])
    expect(error.mock.calls).toEqual([
      ['[wsbridge] refused 401 UNAUTHORIZED path=/ws/chat ip=10.0.0.1 route=chat: Invalid token', new Error('db down')],
    ])
    expect(debug).not.toHaveBeenCalled()
  })

  test('in development the first refusal of each cause is followed by a hint; a verify that threw gets none', async () => {
    vi.stubEnv('NODE_ENV', 'development')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const bridge = createBridge(routes, { prefix: '/ws', onError: () => undefined })
    await upgrade(bridge, '/ws/chat?token=good', { origin: 'https://evil.example' })
    await upgrade(bridge, '/ws/chat?token=good', { origin: 'https://evil.example' })
    await upgrade(bridge, '/ws/chat?token=boom')
    await upgrade(bridge, '/ws/chat?token=wrong')
    const lines = warn.mock.calls.map(([line]) => String(line))
    expect(lines.filter((line) => line.includes('ORIGIN_NOT_ALLOWED'))).toHaveLength(2)
    expect(lines.filter((line) => line.includes('hint'))).toEqual([
      expect.stringContaining('allowedOrigins: ["https://evil.example"]'),
      expect.stringContaining(`route "chat"'s auth hook refused an upgrade with 401 (Invalid token)`),
    ])
  })

  test('an error core made with nothing thrown is the line alone (a hook past handshakeTimeout, a value the output schema rejects); what user code threw keeps its stack', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const gaveUp = new WsError('INTERNAL', 'handler gave up')
    const t = createTestBridge(
      {
        slow: defineRoute({
          kind: 'ws',
          limits: { handshakeTimeout: 20 },
          context: () => new Promise<Record<string, never>>(() => undefined),
          handler: { onMessage: () => undefined },
        }),
        typed: defineRoute({
          kind: 'ws',
          output: v.object({ n: v.number() }),
          handler: {
            onMessage(message, connection) {
              // The cast is the handler bug: the types forbid it, runtime data can still be wrong.
              if (message === 'bad') connection.send({ n: 'x' } as unknown as { n: number })
              else throw gaveUp
            },
          },
        }),
      },
      { logger: consoleLogger, validateOutput: true },
    )
    expect(await t.upgrade('/slow')).toMatchObject({ ok: false, status: 503 })
    const client = await t.connect('/typed')
    client.send('bad')
    client.send('throw')
    await client.flush()
    const id = [...t.bridge.connections][0]!.id
    expect(error.mock.calls).toEqual([
      ['[wsbridge] refused 503 HANDSHAKE_TIMEOUT path=/slow ip=127.0.0.1 route=slow: Handshake timed out'],
      [`[wsbridge] OUTPUT_VALIDATION_FAILED route=typed connection=${id}: Server tried to send an invalid message`],
      [`[wsbridge] INTERNAL route=typed connection=${id}: handler gave up`, gaveUp],
    ])
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
