import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runStartup } from './startup-run.js'

/**
 * What a person sees when a sample cannot start, as test cases: one line on stderr naming the cause
 * and the fix, and a failing exit code, on every runtime (Node's default is a 20-line stack); and
 * `LISTEN_HOST=::` announcing a URL a browser can open.
 */
export function describeStartupFailures<Host extends string>(
  app: string,
  hosts: readonly Host[],
  command: (host: Host) => readonly string[],
  appDir: string,
): void {
  const run = (host: Host, env: Record<string, string>) => runStartup(command(host), appDir, env)
  describe(`${app}: startup failures are one line each`, () => {
    let taken: Server
    let port: number
    beforeAll(async () => {
      taken = createServer()
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
      port = (taken.address() as { port: number }).port
    })
    afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())))

    it.each(hosts)(
      '%s: a port in use',
      async (host) => {
        const { code, stderr } = await run(host, { PORT: String(port), LISTEN_HOST: '127.0.0.1' })
        expect(code).not.toBe(0)
        expect(code).not.toBeNull()
        expect(stderr.trim().split('\n')).toHaveLength(1)
        expect(stderr.trim()).toMatch(
          new RegExp(
            `^\\[${app}\\] cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use( \\(EADDRINUSE\\))?\\. Stop the other server or set PORT to a free port\\.$`,
          ),
        )
      },
      40_000,
    )

    it('LISTEN_HOST=:: announces a URL a browser can open', async () => {
      const [first] = hosts.filter((host) => host === 'node-ws')
      const { stdout } = await run(first ?? hosts[0]!, { PORT: '0', LISTEN_HOST: '::' })
      expect(stdout).toMatch(/listening on http:\/\/\[::1\]:\d+/)
    }, 40_000)
  })
}
