import { createServer, type Server } from 'node:net'
import { fileURLToPath } from 'node:url'
import { runStartup } from '@wsbridge/app-kit/startup-run'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hostCommand, type ChatHost } from '../src/server/hosts.js'
import { describeStartupFailure, urlHost } from '../src/server/startup-failure.js'

const appDir = fileURLToPath(new URL('../', import.meta.url))

/** Runs an entry point until it exits or prints its listening line; everything it printed and its exit code. */
async function run(host: ChatHost, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { code, stdout, stderr } = await runStartup(hostCommand(host), appDir, env)
  return { code, output: stdout + stderr }
}

describe('startup failures are one line each', () => {
  let taken: Server
  let port: number
  beforeAll(async () => {
    taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    port = (taken.address() as { port: number }).port
  })
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())))

  it.each(['express', 'bun'] as const)(
    '%s: a port in use',
    async (host) => {
      const { code, output } = await run(host, { PORT: String(port), LISTEN_HOST: '127.0.0.1' })
      expect(code).toBe(1)
      expect(output.trim()).toBe(
        `[chat] cannot listen on 127.0.0.1:${port}: the port is in use (EADDRINUSE). Stop the other server or set PORT to a free port.`,
      )
    },
    30_000,
  )

  it('Redis not there', async () => {
    const { code, output } = await run('express', { PORT: '0', LISTEN_HOST: '127.0.0.1', REDIS_URL: 'redis://127.0.0.1:1' })
    expect(code).toBe(1)
    expect(output.trim()).toMatch(
      /^\[chat\] cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Start Redis, or unset REDIS_URL/,
    )
    expect(output.trim().split('\n')).toHaveLength(1)
  }, 30_000)

  it('LISTEN_HOST=:: announces a URL a browser can open', async () => {
    const { output } = await run('express', { PORT: '0', LISTEN_HOST: '::' })
    expect(output).toMatch(/listening on http:\/\/\[::1\]:\d+/)
  }, 30_000)
})

describe('describeStartupFailure', () => {
  it('names the cause for the codes a listen fails with, and wraps anything else', () => {
    const config = { port: 80, hostname: '::' }
    expect(describeStartupFailure(Object.assign(new Error('x'), { code: 'EACCES' }), config)).toContain('[::1]:80: permission denied')
    expect(describeStartupFailure(new Error('Failed to start server. Is port 80 in use?'), config)).toContain('the port is in use')
    expect(describeStartupFailure(new Error('boom'))).toBe('[chat] failed to start: boom')
    expect(urlHost('fe80::1')).toBe('[fe80::1]')
    expect(urlHost('0.0.0.0')).toBe('127.0.0.1')
  })
})
