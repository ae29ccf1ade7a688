import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  delay,
  openClient,
  rawUpgradeRequest,
  smokeCloses,
  smokeRoutes,
  smokeTests,
  type HostInstance,
  type HostListen,
} from '@wsbridge/conformance'

/** A Hono app on one runtime, started in this process for the adapter's own tests. */
export interface InProcessHost {
  readonly name: string
  readonly listen: HostListen
}

/** Adapter smoke tests over real sockets, shared by the Node hosts (vitest) and hono/bun (bun test). */
export function describeSmoke(host: InProcessHost): void {
  describe(`wsbridge in a Hono app on ${host.name}`, () => {
    let running: HostInstance & { readonly wsUrl: string; readonly httpUrl: string }
    let base: string
    // The bridge's log lines: the smoke tests provoke refusals on purpose; the last test asserts them.
    const logged: string[] = []
    const logger = { error: (line: string) => void logged.push(line), warn: (line: string) => void logged.push(line) }
    beforeAll(async () => {
      const instance = await host.listen(smokeRoutes, { prefix: '/api', logger }, 0)
      running = { ...instance, wsUrl: `ws://127.0.0.1:${instance.port}`, httpUrl: `http://127.0.0.1:${instance.port}` }
      base = `${running.wsUrl}/api`
    })
    afterAll(() => running.stop())

    test("the app's own routes keep working, and non-route upgrades fall through to 404", async () => {
      const health = await fetch(`${running.httpUrl}/health`)
      expect(await health.text()).toBe('ok')
      expect((await rawUpgradeRequest(running.httpUrl, '/api/missing')).status).toBe(404)
    })

    smokeTests(() => running)

    test('a burst of mixed text and binary frames arrives complete and in order', async () => {
      const socket = await openClient(`${base}/echo`)
      await socket.next()
      for (let i = 0; i < 20; i++) {
        if (i % 2) socket.sendBinary(new Uint8Array([i, 255 - i]))
        else socket.send(i)
      }
      for (let i = 0; i < 20; i++) expect(await socket.next()).toEqual(i % 2 ? new Uint8Array([i, 255 - i]) : { echo: i })
      socket.close()
    })

    test('terminate() on the server drops the socket and onClose sees 1006', async () => {
      const socket = await openClient(`${base}/echo?tag=terminate`)
      await socket.next()
      const connection = [...running.bridge.connections].find((c) => c.query['tag'] === 'terminate')!
      connection.terminate()
      expect((await socket.closed).code).toBe(1006)
      await delay(30)
      expect(smokeCloses).toContainEqual({ route: 'echo', code: 1006, reason: '' })
    })

    test('close() sends 1001 to every open connection', async () => {
      const socket = await openClient(`${base}/echo`)
      await socket.next()
      await running.bridge.close({ timeout: 1000 })
      expect((await socket.closed).code).toBe(1001)
      expect(running.bridge.connections.size).toBe(0)
    })

    test('logged only the development hints for the refusals above, once per cause', () => {
      expect(logged).toEqual([
        expect.stringContaining('no route at "/api/missing"'),
        expect.stringContaining('route "secret"\'s auth hook refused an upgrade with 401'),
        expect.stringContaining('route "secret"\'s auth hook refused an upgrade with 403'),
      ])
    })
  })
}
