import { expect } from 'vitest'
import type { ConformanceCase } from '../../case.js'
import { expectErrorFrame } from '../../helpers.js'
import { Opcode, RawWebSocket } from '../../raw-frames.js'
import { rawUpgradeRequest } from '../../raw-http.js'
import { recorded, waitForRecorded } from '../../recorder.js'
import { securityTimings } from '../../routes/security.js'
import { eventually, expectHealthy } from './expect.js'

const closesOf = (token: string) => recorded(token).filter((e) => e.type === 'close')

/** Rate limit, connection caps, payload size, heartbeat, idle timeout and backpressure. */
export const limitCases: readonly ConformanceCase[] = [
  {
    name: "rate limit: the message past the bucket closes with 1008 (policy 'close')",
    async run(ctx) {
      const client = await ctx.connect('/secRate')
      for (let i = 0; i < securityTimings.rateMessages; i++) client.send({ i })
      expect(await client.take(securityTimings.rateMessages)).toHaveLength(securityTimings.rateMessages)
      client.send({ over: true })
      expect(await client.waitClose()).toMatchObject({ code: 1008 })
    },
  },
  {
    name: "rate limit: policy 'error' answers RATE_LIMITED and keeps the socket open",
    async run(ctx) {
      const client = await ctx.connect('/secRateError')
      for (let i = 0; i < securityTimings.rateMessages; i++) client.send({ i })
      await client.take(securityTimings.rateMessages)
      client.send({ over: true })
      expectErrorFrame(await client.next(), 'RATE_LIMITED')
      expect(client.readyState).toBe(1)
    },
  },
  {
    name: 'max connections: the upgrade past the route cap gets 503 before upgrade; a slot frees on close',
    async run(ctx) {
      const held = await Promise.all(Array.from({ length: securityTimings.maxConnections }, () => ctx.connect('/secMaxConn')))
      const refused = await rawUpgradeRequest(ctx.running.httpUrl, `${ctx.prefix}/secMaxConn`)
      expect(refused.status).toBe(503)
      held[0]!.close()
      await held[0]!.waitClose()
      await ctx.running.poll(
        async () => (await ctx.running.connections()).filter((c) => c.route === 'secMaxConn').length < securityTimings.maxConnections,
        'a freed slot',
      )
      const again = await ctx.connect('/secMaxConn')
      again.send({})
      expect(await again.next()).toEqual({ user: undefined })
    },
  },
  {
    name: 'max payload: a text or binary message over the route limit closes with 1009',
    async run(ctx) {
      const text = await ctx.connect('/secPayload')
      text.send({ pad: 'x'.repeat(securityTimings.payload) })
      // The route's limit is core's own check (the runtime's is the bridge-wide one): the table's reason.
      expect(await text.waitClose()).toEqual({ code: 1009, reason: 'Message is too large' })
      const binary = await ctx.connect('/secPayload')
      binary.sendBinary(new Uint8Array(securityTimings.payload + 1))
      expect(await binary.waitClose()).toMatchObject({ code: 1009 })
      await expectHealthy(ctx)
    },
  },
  {
    name: "heartbeat: a peer that never answers pings is terminated and onClose runs with 1006 'Heartbeat timeout'; a live peer stays",
    needs: 'serverPing',
    async run(ctx) {
      const t = ctx.token()
      const live = await ctx.connect('/secHeartbeat')
      const dead = await RawWebSocket.open(ctx.running.wsUrl, `${ctx.prefix}/secHeartbeat?t=${t}`)
      const outcome = await dead.waitOutcome(securityTimings.heartbeat * 10)
      // Where the runtime's own heartbeat ends the peer (heartbeatDrop false), a close frame may come first.
      if (ctx.capabilities.heartbeatDrop || outcome.kind === 'dropped') expect(outcome).toEqual({ kind: 'dropped' })
      else expect(outcome).toMatchObject({ kind: 'close' })
      expect(dead.frames.some((f) => f.opcode === Opcode.PING)).toBe(true)
      await waitForRecorded(t, () => closesOf(t).length > 0)
      await ctx.running.released(t)
      expect(closesOf(t)).toHaveLength(1)
      // The same reason on every host (Bun reports its own close of a terminated socket at once, without one).
      expect(closesOf(t)[0]).toMatchObject({ code: 1006, reason: 'Heartbeat timeout' })
      live.send({})
      expect(await live.next()).toEqual({ user: undefined })
    },
  },
  {
    name: 'idle timeout: a silent client is closed (1001 Idle timeout); a chatty one is not',
    needs: 'closeOutsideEvents',
    async run(ctx) {
      const t = ctx.token()
      const silent = await ctx.connect(`/secIdle?t=${t}`)
      const chatty = await ctx.connect('/secIdle')
      const chatter = setInterval(() => chatty.send({}), (securityTimings.idleSeconds * 1000) / 4)
      try {
        expect(await silent.waitClose(securityTimings.idleSeconds * 1000 * 10)).toEqual({ code: 1001, reason: 'Idle timeout' })
        await waitForRecorded(t, () => closesOf(t).length > 0)
        expect(chatty.readyState).toBe(1)
      } finally {
        clearInterval(chatter)
      }
    },
  },
  {
    name: "backpressure 'close': a client that never reads is closed, server buffering stays bounded",
    needs: 'bufferedAmount',
    timeout: 15000,
    async run(ctx) {
      const t = ctx.token()
      const slow = await RawWebSocket.open(ctx.running.wsUrl, `${ctx.prefix}/secSlowClose?t=${t}`)
      slow.socket.pause()
      const size = 16 * 1024
      slow.sendText(JSON.stringify({ count: 4000, size }))
      const [flood] = (await waitForRecorded(t, (events) => events.some((e) => e.type === 'flood'))).filter((e) => e.type === 'flood')
      const results = flood!['results'] as Record<string, number>
      expect(results['closed'] ?? 0).toBeGreaterThan(0)
      expect(flood!['maxBuffered']).toBeLessThanOrEqual(securityTimings.backpressure + 2 * size)
      // The closing handshake cannot complete (the client reads nothing): closeTimeout drops it and onClose runs.
      await waitForRecorded(t, () => closesOf(t).length > 0, 10000)
      slow.destroy()
      await expectHealthy(ctx)
    },
  },
  {
    name: "backpressure 'drop': frames past the limit are dropped, onDrain fires once the client reads, the socket survives",
    needs: 'bufferedAmount',
    timeout: 15000,
    async run(ctx) {
      const t = ctx.token()
      const slow = await RawWebSocket.open(ctx.running.wsUrl, `${ctx.prefix}/secSlowDrop?t=${t}`)
      slow.socket.pause()
      const size = 16 * 1024
      slow.sendText(JSON.stringify({ count: 4000, size }))
      const [flood] = (await waitForRecorded(t, (events) => events.some((e) => e.type === 'flood'))).filter((e) => e.type === 'flood')
      const results = flood!['results'] as Record<string, number>
      expect(results['dropped'] ?? 0).toBeGreaterThan(0)
      expect(flood!['maxBuffered']).toBeLessThanOrEqual(securityTimings.backpressure + 2 * size)
      slow.socket.resume()
      await waitForRecorded(t, (events) => events.some((e) => e.type === 'drain'), 5000)
      expect(closesOf(t)).toEqual([])
      slow.sendText(JSON.stringify({ count: 1, size: 1 }))
      const marker = JSON.stringify({ i: 0, payload: 'x' })
      await eventually(
        () => slow.frames.some((f) => f.payload.length === marker.length && f.payload.toString() === marker),
        'a reply after drain',
        5000,
      )
      slow.destroy()
    },
  },
]
