import { describe, expect, it } from 'vitest'
import { externalSweeps, type Transport } from '../src/adapter/index.js'
import { createBridge, defineRoute } from '../src/index.js'

/** A transport that records closes; no ping, as a Durable Object's socket. */
function recorder(): Transport & { closes: [number, string][] } {
  const closes: [number, string][] = []
  return { closes, send() {}, close: (code, reason) => void closes.push([code, reason]), terminate() {}, bufferedAmount: 0, raw: closes }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function openOn(bridge: ReturnType<typeof createBridge>, url: string, transport: Transport) {
  const match = bridge.match(url)!
  const decision = await bridge.authorize({ url, headers: {} }, match)
  if (!decision.ok) throw new Error(decision.message)
  return bridge.open(decision, transport)
}

const routes = {
  idle: defineRoute({ kind: 'ws', limits: { idleTimeout: 0.3, heartbeat: false }, handler: { onMessage() {} } }),
  free: defineRoute({ kind: 'ws', limits: { idleTimeout: 0, heartbeat: false }, handler: { onMessage() {} } }),
}

describe('externalSweeps (deadlines on the adapter’s schedule, as a Durable Object’s alarm)', () => {
  it('stops core’s own timer: an idle connection is closed only when the adapter sweeps', async () => {
    const bridge = createBridge(routes, { logger: false })
    const control = externalSweeps(bridge)
    const socket = recorder()
    await openOn(bridge, 'http://h/idle', socket)
    const next = control.next()!
    expect(next).toBeGreaterThan(200)
    expect(next).toBeLessThanOrEqual(300)
    await sleep(450)
    // Core's interval would have closed it by now (its period is a quarter of 300 ms).
    expect(socket.closes).toEqual([])
    expect(control.next()).toBe(0)
    control.sweep()
    expect(socket.closes).toEqual([[1001, 'Idle timeout']])
  })

  it('a message pushes the idle deadline back; a route without deadlines has none', async () => {
    const bridge = createBridge(routes, { logger: false })
    const control = externalSweeps(bridge)
    const free = recorder()
    await openOn(bridge, 'http://h/free', free)
    expect(control.next()).toBeUndefined()
    const events = await openOn(bridge, 'http://h/idle', recorder())
    await sleep(200)
    const before = control.next()!
    events.message('{}', false)
    await sleep(20)
    expect(control.next()!).toBeGreaterThan(before)
  })

  it('a bridge with no deadline anywhere never asks for a sweep', async () => {
    const bridge = createBridge({ free: routes.free }, { logger: false, idleTimeout: 0, heartbeat: false, closeTimeout: 0 })
    const control = externalSweeps(bridge)
    await openOn(bridge, 'http://h/free', recorder())
    expect(control.next()).toBeUndefined()
  })

  it('a restored connection’s idle deadline counts from its last frame (silentFor), not from the restore', async () => {
    const bridge = createBridge(routes, { logger: false })
    const control = externalSweeps(bridge)
    const socket = recorder()
    const snapshot = { id: 'c1', route: 'idle', url: 'http://h/idle', ip: '', user: undefined, context: {}, topics: [] }
    bridge.restore({ ...snapshot, silentFor: 10_000 }, socket)
    expect(control.next()).toBe(0)
    control.sweep()
    expect(socket.closes).toEqual([[1001, 'Idle timeout']])
    // Closing now: the close deadline starts at the next sweep, so one is due at once.
    expect(control.next()).toBe(0)
    const other = createBridge(routes, { logger: false })
    other.restore(snapshot, recorder())
    expect(externalSweeps(other).next()).toBeGreaterThan(200)
  })

  it('refuses an object that is not a bridge', () => {
    expect(() => externalSweeps({})).toThrow(/createBridge/)
  })
})
