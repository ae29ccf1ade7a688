import { describe, expect, it } from 'vitest'
import { createBridge, defineRoute, type Connection } from '../../src/index.js'
import type { Transport } from '../../src/adapter/index.js'
import type { ConnectionImpl } from '../../src/connection.js'
import { sweep } from '../../src/connection-policy.js'
import { resolveLimits, type RouteLimits } from '../../src/limits.js'
import { compressFlag, ConnectionGuard, connectionGuard, guardPolicy } from '../../src/security/guard.js'
import { sweepPeriod } from '../../src/security/liveness.js'
import { now } from '../../src/security/clock.js'

/**
 * One real connection on a recording transport: the guard decides, the connection acts
 * (connection-policy.ts), and `log` shows what reached the socket, the handlers and the error hook.
 */
function harness(limits: RouteLimits, buffered = 0) {
  const log: string[] = []
  const socket = { buffered }
  const transport: Transport = {
    send: (frame) => void log.push(`send ${String(frame)}`),
    close: (code, reason) => void log.push(`close ${code} ${reason}`),
    terminate: () => void log.push('terminate'),
    ping: () => void log.push('ping'),
    get bufferedAmount() {
      return socket.buffered
    },
    raw: undefined,
  }
  const route = defineRoute({
    kind: 'ws',
    limits,
    handler: {
      onMessage: () => undefined,
      onDrain: () => void log.push('onDrain'),
      onClose: (_connection, code, reason) => void log.push(`onClose ${code} ${reason}`),
    },
  })
  // The bridge's log lines, kept apart from `log` (they carry connection ids) and off stderr.
  const logged: string[] = []
  const logger = { error: (line: string) => void logged.push(line), warn: (line: string) => void logged.push(line) }
  const bridge = createBridge({ route }, { onError: (error) => void log.push(`report ${error.code}`), logger })
  const decision = bridge.authorize({ url: '/route', headers: {}, ip: '127.0.0.1' }, bridge.match('/route')!)
  if (decision instanceof Promise || !decision.ok) throw new Error('expected a synchronous acceptance')
  const events = bridge.open(decision, transport)
  const [connection] = [...bridge.connections] as [Connection]
  return { connection, events, log, logged, socket, sweep: (at: number) => sweep(connection as ConnectionImpl, at) }
}

describe('ConnectionGuard and the policies the connection applies', () => {
  it('pings once per interval and drops a peer that did not pong by the next one', () => {
    const { sweep, log } = harness({ heartbeat: 100, idleTimeout: 0 })
    // Whole milliseconds: with a fractional base, (t + 200) - (t + 100) can round to 99.999….
    const t = Math.ceil(now())
    sweep(t + 50)
    expect(log).toEqual([])
    sweep(t + 100)
    expect(log).toEqual(['ping'])
    sweep(t + 200)
    expect(log).toEqual(['ping', 'onClose 1006 Heartbeat timeout', 'terminate'])
  })
  it('keeps a peer that answers', () => {
    const { sweep, events, log } = harness({ heartbeat: 100, idleTimeout: 0 })
    const t = Math.ceil(now())
    sweep(t + 100)
    events.pong()
    sweep(t + 200)
    expect(log).toEqual(['ping', 'ping'])
  })
  it('closes an idle connection with 1001, then drops it if the close handshake stalls', () => {
    const { sweep, log } = harness({ heartbeat: false, idleTimeout: 1, closeTimeout: 300 })
    const t = Math.ceil(now())
    sweep(t + 1000)
    sweep(t + 1100)
    sweep(t + 1450)
    expect(log).toEqual(['close 1001 Idle timeout', 'onClose 1006 Close timeout', 'terminate'])
  })
  it("applies the rate-limit policy: 'close' → 1008, 'error' → error frame", () => {
    const closing = harness({ rateLimit: { messages: 2, interval: 60_000 } })
    for (let i = 0; i < 3; i++) closing.events.message('1', false)
    expect(closing.log).toEqual(['report RATE_LIMITED', 'close 1008 Too many messages'])
    const erroring = harness({ rateLimit: { messages: 1, interval: 60_000, policy: 'error' } })
    erroring.events.message('1', false)
    erroring.events.message('1', false)
    expect(erroring.log).toEqual(['report RATE_LIMITED', 'send {"type":"error","code":"RATE_LIMITED","message":"Too many messages"}'])
    for (const { logged } of [closing, erroring])
      expect(logged).toEqual([expect.stringMatching(/^\[wsbridge\] RATE_LIMITED route=route .*: Too many messages$/)])
  })
  it('a pong between messages neither adds tokens nor loses refill time', async () => {
    // One token per 50 ms, bucket of one.
    const rate = guardPolicy(resolveLimits({ rateLimit: { messages: 20, interval: 1000, burst: 1 } })).rate
    const guard = new ConnectionGuard()
    expect(connectionGuard.admit(guard, rate)).toBe(true)
    connectionGuard.pong(guard, rate)
    expect(connectionGuard.admit(guard, rate)).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 30))
    connectionGuard.pong(guard, rate)
    await new Promise((resolve) => setTimeout(resolve, 30))
    // 60+ ms in all: the refill counts the time on both sides of the pong (30 ms alone would not
    // make a token), and the bucket of one allows exactly one message.
    expect([connectionGuard.admit(guard, rate), connectionGuard.admit(guard, rate)]).toEqual([true, false])
  })
  it('drops or closes over the backpressure limit, and runs onDrain once the buffer empties', () => {
    const drop = harness({ backpressureLimit: 100 }, 150)
    expect(drop.connection.send('x')).toBe('dropped')
    drop.socket.buffered = 10
    expect(drop.connection.send('y')).toBe('sent')
    drop.sweep(now())
    expect(drop.log).toEqual(['send "y"', 'onDrain'])
    const close = harness({ backpressureLimit: 100, backpressurePolicy: 'close' }, 150)
    expect(close.connection.send('x')).toBe('closed')
    expect(close.log).toEqual(['report BACKPRESSURE', 'close 1013 Client is not reading fast enough'])
    expect([drop.logged, close.logged]).toEqual([
      [],
      [expect.stringMatching(/^\[wsbridge\] BACKPRESSURE route=route .*: Client is not reading fast enough$/)],
    ])
  })
  it('asks for compression only at or above the threshold, and only when enabled', () => {
    expect(compressFlag(guardPolicy(resolveLimits()), 'x'.repeat(5000))).toBeUndefined()
    const policy = guardPolicy(resolveLimits({ compression: { enabled: true, threshold: 10 } }))
    expect([compressFlag(policy, 'short'), compressFlag(policy, 'x'.repeat(10))]).toEqual([false, true])
  })
})

describe('sweepPeriod', () => {
  it('is a quarter of the shortest deadline, between 10 ms and 1 s', () => {
    expect(sweepPeriod(resolveLimits(), [])).toBe(1000)
    expect(sweepPeriod(resolveLimits(), [{ heartbeat: 100 }])).toBe(25)
    expect(sweepPeriod(resolveLimits({ idleTimeout: 0.01 }), [])).toBe(10)
  })
})
