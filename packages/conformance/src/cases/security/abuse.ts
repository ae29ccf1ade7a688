import { expect } from 'vitest'
import type { ConformanceCase } from '../../case.js'
import { openClient } from '../../client.js'
import { RawWebSocket } from '../../raw-frames.js'
import { rawUpgradeRequest } from '../../raw-http.js'
import { expectEchoes, expectErrorFrame } from '../../helpers.js'
import { recorded, waitForRecorded } from '../../recorder.js'
import { SECURITY_SECRET, securityTimings } from '../../routes/security.js'
import { expectEmptyRegistry, expectHealthy, expectNoLeaks } from './expect.js'

/** Messages the flooder writes between two reads of its socket. */
const FLOOD_BURST = 200
/** How long the flooder waits for its 1008. */
const FLOOD_CLOSE_WAIT = 20_000
/** Upgrades sent at once to a route capped at `securityTimings.maxConnections`. */
const FLOOD_CONNECTIONS = 40

/** Floods, bombs, pollution, exceptions in every hook, and graceful shutdown. Each ends with a leak check. */
export const abuseCases: readonly ConformanceCase[] = [
  {
    name: 'abuse: a message flood past the rate limit is cut off (1008) while others keep round-tripping',
    timeout: 30_000,
    async run(ctx) {
      const healthy = await ctx.connect('/echo')
      const flooder = await ctx.connect('/secRate')
      // As fast as the socket takes them, in bursts, while it is open: a flooder that never stops
      // writing after the close frame can see the connection reset instead (its unread close frame
      // discarded by its own TCP stack), which says nothing about the server.
      for (let i = 0; i < 10_000 && flooder.readyState === 1; i += FLOOD_BURST) {
        for (let j = i; j < i + FLOOD_BURST; j++) flooder.send({ i: j })
        await new Promise((resolve) => setImmediate(resolve))
      }
      // Under load a runtime can still be working through the burst when the limit trips; the close
      // it sends then waits behind that backlog.
      const closed = await flooder.waitClose(FLOOD_CLOSE_WAIT)
      // A runtime that drops a closing connection at the peer's next frame (closeWhileReceiving false) may lose its close frame.
      if (ctx.capabilities.closeWhileReceiving || closed.code !== 1006) expect(closed).toMatchObject({ code: 1008 })
      await expectEchoes(healthy, { after: 'flood' })
      await expectNoLeaks(ctx, () => healthy.terminate())
    },
  },
  {
    name: 'abuse: a connection flood past the cap gets 503s, never more than the cap, and nothing leaks',
    async run(ctx) {
      const attempts = await Promise.allSettled(Array.from({ length: FLOOD_CONNECTIONS }, () => openClient(ctx.url('/secMaxConn'))))
      const clients = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []))
      const refusals = attempts.flatMap((a) => (a.status === 'rejected' ? [(a.reason as { status?: number }).status] : []))
      const cap = securityTimings.maxConnections
      // Left open, they would fill the host for every case after this one.
      const closeAll = (): void => clients.forEach((c) => c.terminate())
      try {
        // An upgrade holds its place from the moment it is accepted, so however the 40 interleave,
        // exactly the cap is upgraded and the rest are answered 503 (none upgraded and then closed).
        expect(refusals).toEqual(Array.from({ length: FLOOD_CONNECTIONS - cap }, () => 503))
        await ctx.running.connectionsAre(cap)
        expect(clients.filter((c) => c.readyState === 1).length).toBe(cap)
        expect(await ctx.running.connectionCount()).toBe(cap)
        await expectHealthy(ctx)
      } catch (failed) {
        closeAll()
        throw failed
      }
      await expectNoLeaks(ctx, closeAll)
    },
  },
  {
    name: 'abuse: prototype-pollution payloads are stripped and pollute nothing',
    async run(ctx) {
      const client = await ctx.connect('/echo')
      client.sendText('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"ok":true}')
      const reply = (await client.next()) as { echo: Record<string, unknown> }
      expect(reply).toEqual({ echo: { ok: true } })
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
      expect(Object.prototype).not.toHaveProperty('polluted')
      await expectNoLeaks(ctx, () => client.terminate())
    },
  },
  {
    name: 'abuse: an exception or rejection in every lifecycle hook is contained and never leaks to the client',
    async run(ctx) {
      const t = ctx.token()
      const client = await ctx.connect(`/secThrows?t=${t}`)
      expectErrorFrame(await client.next(), 'INTERNAL') // onOpen rejected
      client.send({ fail: true })
      expectErrorFrame(await client.next(), 'INTERNAL') // onMessage threw
      client.sendBinary(new Uint8Array([1, 2, 3]))
      expectErrorFrame(await client.next(), 'INTERNAL') // onBinary rejected
      await expectEchoes(client, { still: 'open' })
      expect(client.frames.some((f) => f.kind === 'text' && f.text.includes(SECURITY_SECRET))).toBe(false)
      client.close(1000)
      await waitForRecorded(t, (events) => events.some((e) => e.type === 'close')) // onClose ran, then threw
      expect(recorded(t).filter((e) => e.type === 'error').length).toBeGreaterThanOrEqual(3) // onError threw each time too
      await expectHealthy(ctx)
      await expectNoLeaks(ctx, () => undefined)
    },
  },
  {
    name: 'abuse: a decompression bomb is refused with 1009 when compression is on',
    needs: 'compression',
    timeout: 15000,
    async run(ctx) {
      const host = await ctx.startHost({
        routes: ['security'],
        options: { compression: { enabled: true, threshold: 64 }, maxPayloadLength: 64 * 1024 },
      })
      try {
        const url = `${host.wsUrl}${ctx.prefix}/secPublic`
        const normal = await openClient(url)
        expect(normal.raw.extensions).toContain('permessage-deflate')
        normal.send({ small: 'x'.repeat(1000) })
        expect(await normal.next()).toEqual({})
        const bomber = await openClient(url)
        // 8 MiB of one byte compresses to a few KiB on the wire; inflated it is 128x the limit.
        bomber.sendText(JSON.stringify({ bomb: 'a'.repeat(8 * 1024 * 1024) }))
        expect(await bomber.waitClose(10000)).toMatchObject({ code: 1009 })
        normal.send({})
        expect(await normal.next()).toEqual({})
        normal.close()
        await expectEmptyRegistry(host)
      } finally {
        await host.close()
      }
    },
  },
  {
    name: 'shutdown: close() refuses new upgrades, sends 1001 to every client, runs every onClose, drops stragglers and resolves',
    needs: 'closeOutsideEvents',
    timeout: 15000,
    async run(ctx) {
      const host = await ctx.startHost({ routes: ['security'], options: { closeTimeout: 300 } })
      const t = ctx.token()
      const clients = await Promise.all(Array.from({ length: 5 }, () => openClient(`${host.wsUrl}${ctx.prefix}/secPublic?t=${t}`)))
      // Never answers the server's close frame: it must be terminated after closeTimeout, with onClose 1006.
      const straggler = await RawWebSocket.open(host.wsUrl, `${ctx.prefix}/secPublic?t=${t}`)
      const roomies = await Promise.all(Array.from({ length: 3 }, () => openClient(`${host.wsUrl}${ctx.prefix}/secRoom`)))
      expect(await host.topicCount()).toBeGreaterThan(0)
      const started = Date.now()
      // The app's shutdown, `bridge.close()`, with the process left running to report what remains.
      const closing = host.shutdown()
      // On Node the straggler holds the bridge in its closing phase while the HTTP server still
      // listens, so the upgrade gets core's 503; Bun finishes the close first and the port is shut.
      // Either way it is never upgraded (a 101, or a 404 from the host's routes, fails).
      const late = await rawUpgradeRequest(host.httpUrl, `${ctx.prefix}/secPublic?t=${t}`).then(
        (response) => response.status,
        () => 'refused',
      )
      expect([503, 'refused']).toContain(late)
      const left = await closing
      expect(Date.now() - started).toBeLessThan(5000)
      for (const client of [...clients, ...roomies]) expect(await client.waitClose()).toMatchObject({ code: 1001 })
      expect(await straggler.waitOutcome()).toMatchObject({ kind: 'close', code: 1001 })
      const closes = recorded(t).filter((e) => e.type === 'close')
      // Every onClose ran once. The straggler's code is 1006 where the runtime waits for the peer's
      // close reply (ws: we terminate it after closeTimeout) and the runtime's own code where it does not (Bun).
      expect(closes).toHaveLength(6)
      expect(recorded(t).filter((e) => e.type === 'open')).toHaveLength(6) // the late upgrade never opened
      expect(left).toEqual({ connections: 0, topicCount: 0 })
    },
  },
]
