import { createServer, type Server } from 'node:net'
import { fileURLToPath } from 'node:url'
import { runStartup } from '@wsbridge/app-kit/startup-run'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type GameHost, hostCommand } from '../src/server/hosts.js'

// What a person sees when the game cannot start: one line on stderr naming the cause and the fix,
// and a failing exit code, on every runtime (Node's default is a 20-line stack).
const appDir = fileURLToPath(new URL('../', import.meta.url))
const run = (host: GameHost, env: Record<string, string>) => runStartup(hostCommand(host), appDir, env)

describe('game: startup failures are one line each', () => {
  let taken: Server
  let port: number
  beforeAll(async () => {
    taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    port = (taken.address() as { port: number }).port
  })
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())))

  it.each(['express', 'node-ws', 'hono-node', 'bun', 'hono-bun', 'deno'] as const)(
    '%s: a port in use',
    async (host) => {
      const { code, stderr } = await run(host, { PORT: String(port), LISTEN_HOST: '127.0.0.1' })
      expect(code).not.toBe(0)
      expect(code).not.toBeNull()
      expect(stderr.trim().split('\n')).toHaveLength(1)
      expect(stderr.trim()).toMatch(
        new RegExp(
          `^\\[game\\] cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use( \\(EADDRINUSE\\))?\\. Stop the other server or set PORT to a free port\\.$`,
        ),
      )
    },
    40_000,
  )

  it('LISTEN_HOST=:: announces a URL a browser can open', async () => {
    const { stdout } = await run('node-ws', { PORT: '0', LISTEN_HOST: '::' })
    expect(stdout).toMatch(/listening on http:\/\/\[::1\]:\d+/)
  }, 40_000)
})
