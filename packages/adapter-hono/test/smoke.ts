import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ConformanceHost, RunningHost } from '@wsbridge/conformance'
import { closes, routes } from './routes.js'
import { openSocket, rawUpgrade } from './socket.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Adapter smoke tests over real sockets, shared by the Node hosts (vitest) and hono/bun (bun test). */
export function describeSmoke(host: ConformanceHost): void {
  describe(`createHonoWebSocket on ${host.name}`, () => {
    let running: RunningHost
    let base: string
    let port: number
    beforeAll(async () => {
      running = await host.start(routes, { prefix: '/api' })
      base = `${running.wsUrl}/api`
      port = Number(new URL(running.httpUrl).port)
    })
    afterAll(() => running.close())

    test("the app's own routes keep working, and non-route upgrades fall through to 404", async () => {
      const health = await fetch(`${running.httpUrl}/health`)
      expect(await health.text()).toBe('ok')
      expect((await rawUpgrade(port, '/api/missing')).status).toBe(404)
    })

    test('echo round trip, welcome first, and a message sent in the open callback is not lost', async () => {
      const socket = await openSocket(`${base}/echo`, { onOpen: (ws) => ws.send(JSON.stringify('early')) })
      expect(await socket.next()).toEqual({ welcome: 'echo' })
      expect(await socket.next()).toEqual({ echo: 'early' })
      socket.send({ n: 1 })
      expect(await socket.next()).toEqual({ echo: { n: 1 } })
      socket.ws.close()
      await socket.closed
    })

    test('a burst of mixed text and binary frames arrives complete and in order', async () => {
      const socket = await openSocket(`${base}/echo`)
      await socket.next()
      for (let i = 0; i < 20; i++) {
        if (i % 2) socket.ws.send(new Uint8Array([i, 255 - i]))
        else socket.send(i)
      }
      for (let i = 0; i < 20; i++) expect(await socket.next()).toEqual(i % 2 ? new Uint8Array([i, 255 - i]) : { echo: i })
      socket.ws.close()
    })

    test('params, query, ip and headers reach the connection', async () => {
      const socket = await openSocket(`${base}/who/ada?x=1`, { headers: { 'x-test': 'yes' } })
      expect(await socket.next()).toEqual({ params: { name: 'ada' }, query: { x: '1' }, ip: '127.0.0.1', header: 'yes', scheme: 'ws:' })
      socket.ws.close()
    })

    test('the real close codes and reasons travel both ways', async () => {
      const serverSide = await openSocket(`${base}/echo`)
      await serverSide.next()
      serverSide.send('close-me')
      expect(await serverSide.closed).toEqual({ code: 4001, reason: 'asked to' })

      const clientSide = await openSocket(`${base}/echo`)
      await clientSide.next()
      clientSide.ws.close(4321, 'client leaving')
      await clientSide.closed
      await sleep(30)
      expect(closes).toContainEqual({ route: 'echo', code: 4321, reason: 'client leaving' })
    })

    test('auth rejections are HTTP statuses before the upgrade; accepted users reach the socket', async () => {
      expect((await rawUpgrade(port, '/api/secret')).status).toBe(401)
      expect((await rawUpgrade(port, '/api/secret?token=banned')).status).toBe(403)
      const socket = await openSocket(`${base}/secret?token=good`)
      expect(await socket.next()).toEqual({ user: { name: 'ada' } })
      socket.ws.close()
    })

    test('the first offered subprotocol is echoed', async () => {
      const socket = await openSocket(`${base}/echo`, { protocols: ['chat.v2', 'chat.v1'] })
      expect(socket.protocol).toBe('chat.v2')
      socket.ws.close()
    })

    test('terminate() on the server drops the socket and onClose sees 1006', async () => {
      const socket = await openSocket(`${base}/echo?tag=terminate`)
      await socket.next()
      const connection = [...running.bridge.connections].find((c) => c.query['tag'] === 'terminate')!
      connection.terminate()
      expect((await socket.closed).code).toBe(1006)
      await sleep(30)
      expect(closes).toContainEqual({ route: 'echo', code: 1006, reason: '' })
    })

    test('close() sends 1001 to every open connection', async () => {
      const socket = await openSocket(`${base}/echo`)
      await socket.next()
      await running.bridge.close({ timeout: 1000 })
      expect((await socket.closed).code).toBe(1001)
      expect(running.bridge.connections.size).toBe(0)
    })
  })
}
