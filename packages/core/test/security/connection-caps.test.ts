import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { AcceptedUpgrade, Transport, UpgradeDecision } from '../../src/adapter/index.js'
import { createBridge, defineRoute, type Bridge, type Routes } from '../../src/index.js'
import { defaultLimits } from '../../src/limits.js'
import { ConnectionCounter } from '../../src/security/connection-limits.js'

const CAP = 3

interface SocketLog {
  readonly closes: { code: number; reason: string }[]
}

function transport(log: SocketLog): Transport {
  return {
    send: () => undefined,
    close: (code, reason) => void log.closes.push({ code, reason }),
    terminate: () => undefined,
    bufferedAmount: 0,
    raw: undefined,
  }
}

function bridgeWith(routeLimits: { maxConnections?: number; maxConnectionsPerIp?: number; handshakeTimeout?: number }, hooked = false) {
  const capped = defineRoute({
    kind: 'ws',
    limits: routeLimits,
    ...(hooked ? { context: async () => ({ at: 1 }) } : {}),
    handler: { onMessage: () => undefined },
  })
  return createBridge({ capped } as Routes, { logger: false })
}

function authorize(bridge: Bridge, ip = '10.0.0.1'): UpgradeDecision | Promise<UpgradeDecision> {
  return bridge.authorize({ url: '/capped', headers: {}, ip }, bridge.match('/capped')!)
}

function accepted(decision: UpgradeDecision): AcceptedUpgrade {
  if (!decision.ok) throw new Error(`refused ${decision.status}`)
  return decision
}

describe('connection caps: an accepted upgrade holds its place until it opens', () => {
  test('a burst authorized before any socket opens: exactly the cap accepted, the rest 503', async () => {
    const bridge = bridgeWith({ maxConnections: CAP })
    const decisions = await Promise.all(Array.from({ length: 10 }, () => authorize(bridge)))
    expect(decisions.filter((d) => d.ok)).toHaveLength(CAP)
    expect(decisions.filter((d) => !d.ok).map((d) => (d.ok ? 0 : d.status))).toEqual(Array(10 - CAP).fill(503))
    const log: SocketLog = { closes: [] }
    for (const d of decisions) if (d.ok) bridge.open(d, transport(log))
    // Held places became the connections' places: nobody is closed at open.
    expect(log.closes).toEqual([])
    expect(bridge.connections.size).toBe(CAP)
  })

  test('the same after async hooks: the cap is checked when the hooks finish, not only before', async () => {
    const bridge = bridgeWith({ maxConnections: CAP }, true)
    const decisions = await Promise.all(Array.from({ length: 8 }, () => authorize(bridge)))
    expect(decisions.filter((d) => d.ok)).toHaveLength(CAP)
    expect(decisions.every((d) => d.ok || d.status === 503)).toBe(true)
  })

  test('per-IP caps hold places per address', async () => {
    const bridge = bridgeWith({ maxConnectionsPerIp: 2 })
    const a = await Promise.all([authorize(bridge, '10.0.0.1'), authorize(bridge, '10.0.0.1'), authorize(bridge, '10.0.0.1')])
    const b = await authorize(bridge, '10.0.0.2')
    expect(a.map((d) => d.ok)).toEqual([true, true, false])
    expect(b.ok).toBe(true)
  })

  test('a place whose upgrade never opens is given back after handshakeTimeout', async () => {
    const bridge = bridgeWith({ maxConnections: 1, handshakeTimeout: 30 })
    const abandoned = accepted(await authorize(bridge))
    expect((await authorize(bridge)).ok).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 40))
    const next = accepted(await authorize(bridge))
    const log: SocketLog = { closes: [] }
    bridge.open(next, transport(log))
    expect(log.closes).toEqual([])
    // The abandoned upgrade opening after all finds the cap full: closed with 1013, never over the cap.
    bridge.open(abandoned, transport(log))
    expect(log.closes).toEqual([{ code: 1013, reason: 'Too many connections' }])
    expect(bridge.connections.size).toBe(1)
  })

  test('a late upgrade opening at a full cap first gives back places whose upgrades never opened', async () => {
    const bridge = bridgeWith({ maxConnections: 1, handshakeTimeout: 20 })
    const late = accepted(await authorize(bridge))
    await new Promise((resolve) => setTimeout(resolve, 30))
    // Takes `late`'s expired place, then its own place expires unused too.
    accepted(await authorize(bridge))
    await new Promise((resolve) => setTimeout(resolve, 30))
    const log: SocketLog = { closes: [] }
    bridge.open(late, transport(log))
    expect(log.closes).toEqual([])
    expect(bridge.connections.size).toBe(1)
  })

  test('a closed connection frees its place for the next upgrade', async () => {
    const bridge = bridgeWith({ maxConnections: 1 })
    const log: SocketLog = { closes: [] }
    const events = bridge.open(accepted(await authorize(bridge)), transport(log))
    expect((await authorize(bridge)).ok).toBe(false)
    events.closed(1000, '')
    expect((await authorize(bridge)).ok).toBe(true)
  })
})

describe('connection caps: property', () => {
  const step = fc.oneof(
    fc.constant({ kind: 'authorize' as const }),
    fc.record({ kind: fc.constant('open' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('close' as const), pick: fc.nat() }),
  )

  test('any interleaving of upgrades, opens and closes: accepted exactly while held + open < cap, never over it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(step, { maxLength: 40 }), async (cap, steps) => {
        const bridge = bridgeWith({ maxConnections: cap })
        const held: AcceptedUpgrade[] = []
        const open: { closed(code: number, reason: string): void }[] = []
        const log: SocketLog = { closes: [] }
        for (const s of steps) {
          if (s.kind === 'authorize') {
            const decision = await authorize(bridge)
            expect(decision.ok).toBe(held.length + open.length < cap)
            if (decision.ok) held.push(decision)
          } else if (s.kind === 'open' && held.length > 0) {
            const [next] = held.splice(s.pick % held.length, 1)
            open.push(bridge.open(next!, transport(log)))
          } else if (s.kind === 'close' && open.length > 0) {
            const [gone] = open.splice(s.pick % open.length, 1)
            gone!.closed(1000, '')
          }
          expect(bridge.connections.size).toBe(open.length)
        }
        expect(log.closes).toEqual([])
      }),
      { numRuns: 200 },
    )
  })
})

test('places of upgrades abandoned mid-handshake are swept even when no cap is reached', async () => {
  const counter = new ConnectionCounter({ ...defaultLimits, maxConnections: 100_000 })
  const place = (ip: string) => ({ match: { name: 'r', route: {} }, ip, limits: { handshakeTimeout: 20 } })
  for (let i = 0; i < 64; i++) expect(counter.hold(place(`10.0.1.${i}`))).toBeUndefined()
  expect(counter.holding).toBe(64)
  await new Promise((resolve) => setTimeout(resolve, 30))
  // The 65th finds 64 held places, all expired, with every cap far away: they go all the same.
  expect(counter.hold(place('10.0.2.1'))).toBeUndefined()
  expect(counter.holding).toBe(1)
})
