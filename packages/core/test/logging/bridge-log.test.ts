import { describe, expect, test } from 'vitest'
import { WsError } from '../../src/index.js'
import { BridgeLog } from '../../src/logging/bridge-log.js'
import { LogBudget } from '../../src/logging/log-budget.js'
import { describeRefusal } from '../../src/refusal.js'
import { fakeClock, recordingLogger } from './fake-log.js'

const connection = (id: string) => ({ id, route: 'echo' })

describe('BridgeLog: per connection', () => {
  test('a client-caused error is one warn line without a stack, first occurrence per connection and code; repeats are counted', () => {
    const sink = recordingLogger()
    const log = new BridgeLog(sink, 0)
    const a = connection('a')
    for (let i = 0; i < 250; i++) log.connectionError(new WsError('INVALID_JSON'), a)
    log.connectionError(new WsError('PROTOCOL_ERROR', 'Client frame is not masked'), a)
    log.connectionError(new WsError('INVALID_JSON'), connection('b'))
    log.released(a)
    expect(sink.lines).toEqual([
      { level: 'warn', message: '[wsbridge] INVALID_JSON route=echo connection=a: Message is not valid JSON' },
      { level: 'warn', message: '[wsbridge] INVALID_JSON route=echo connection=a: 10 times so far (Message is not valid JSON)' },
      { level: 'warn', message: '[wsbridge] INVALID_JSON route=echo connection=a: 100 times so far (Message is not valid JSON)' },
      { level: 'warn', message: '[wsbridge] PROTOCOL_ERROR route=echo connection=a: Client frame is not masked' },
      { level: 'warn', message: '[wsbridge] INVALID_JSON route=echo connection=b: Message is not valid JSON' },
      {
        level: 'warn',
        message: '[wsbridge] INVALID_JSON route=echo connection=a: 250 times in all, connection closed (Message is not valid JSON)',
      },
    ])
  })

  test('a server error is an error line with the thrown value (its stack), once per connection and message', () => {
    const sink = recordingLogger()
    const log = new BridgeLog(sink, 0)
    const thrown = new Error('db down')
    const a = connection('a')
    log.connectionError(WsError.from(thrown), a)
    log.connectionError(WsError.from(new Error('db down')), a)
    log.connectionError(WsError.from(new Error('other bug')), a)
    log.released(a)
    expect(sink.lines.map((l) => [l.level, l.message])).toEqual([
      ['error', '[wsbridge] INTERNAL route=echo connection=a: db down'],
      ['error', '[wsbridge] INTERNAL route=echo connection=a: other bug'],
      ['error', '[wsbridge] INTERNAL route=echo connection=a: 2 times in all, connection closed (db down)'],
    ])
    expect(sink.lines[0]!.error).toBe(thrown)
  })

  test('a message cannot forge lines or grow a line without bound', () => {
    const sink = recordingLogger()
    new BridgeLog(sink, 0).connectionError(new WsError('VALIDATION_FAILED', `bad\r\n[wsbridge] forged${'x'.repeat(5000)}`), {
      id: 'a',
      route: 'r\nx',
    })
    const line = sink.lines[0]!.message
    expect(line).not.toMatch(/[\r\n]/)
    expect(line.length).toBeLessThan(300)
    expect(line).toContain('route="r\\nx"')
  })

  test('logger false (no sink) writes nothing', () => {
    const log = new BridgeLog(undefined, 0)
    expect(() => log.connectionError(new WsError('INVALID_JSON'), connection('a'))).not.toThrow()
  })
})

describe('LogBudget: per interval', () => {
  test('at most N lines a second; the rest are counted and summarised once when the second is over', () => {
    const sink = recordingLogger()
    const clock = fakeClock()
    const budget = new LogBudget(sink, 3, clock)
    for (let i = 0; i < 10; i++) budget.write('warn', `line ${i}`)
    budget.write('error', 'an error past the budget', new Error('x'))
    expect(sink.lines.map((l) => l.message)).toEqual(['line 0', 'line 1', 'line 2'])
    expect(clock.pending).toBe(1)
    clock.advance(1000)
    expect(sink.lines.at(-1)).toEqual({
      level: 'warn',
      message: '[wsbridge] suppressed 8 similar log lines past 3 a second (1 error, 7 warn); onError and onRefused still saw every one',
    })
    // A new second has a new budget, and no timer runs while nothing is suppressed.
    budget.write('warn', 'next second')
    expect(sink.lines.at(-1)?.message).toBe('next second')
    expect(clock.pending).toBe(0)
  })

  test('a write in the next second writes the pending summary first when the timer has not yet run', () => {
    const sink = recordingLogger()
    const clock = fakeClock()
    const budget = new LogBudget(sink, 1, clock)
    budget.write('warn', 'a')
    budget.write('warn', 'b')
    clock.advance(999)
    expect(sink.lines).toHaveLength(1)
    // The timer is due at 1000 ms: moving the clock without firing it, the next write flushes it.
    ;(clock as { now: () => number }).now = () => 1_000_000 + 1500
    budget.write('warn', 'c')
    expect(sink.lines.map((l) => l.message)).toEqual(['a', expect.stringContaining('suppressed 1 similar'), 'c'])
  })

  test('debug lines cost nothing when the sink has no debug; 0 means no cap; a throwing sink is contained', () => {
    const sink = recordingLogger(false)
    const clock = fakeClock()
    const budget = new LogBudget(sink, 1, clock)
    budget.write('debug', 'dropped')
    budget.write('warn', 'kept')
    expect(sink.lines).toEqual([{ level: 'warn', message: 'kept' }])
    const unbounded = recordingLogger()
    const all = new LogBudget(unbounded, 0, clock)
    for (let i = 0; i < 100; i++) all.write('warn', 'x')
    expect(unbounded.lines).toHaveLength(100)
    const throwing = new LogBudget(
      {
        warn: () => {
          throw new Error('sink down')
        },
        error: () => undefined,
      },
      0,
      clock,
    )
    expect(() => throwing.write('warn', 'x')).not.toThrow()
  })
})

describe('BridgeLog: refusals', () => {
  const request = { url: '/ws/chat?token=secret', headers: { origin: 'https://evil.example' }, ip: '10.0.0.1' }

  test('routine refusals are debug, origin and capacity warn, a hook that threw an error with its stack; the query is never logged', () => {
    const sink = recordingLogger()
    const log = new BridgeLog(sink, 0)
    const dbDown = new Error('db down')
    log.refused(describeRefusal(request, new WsError('UNAUTHORIZED', 'Invalid token'), 'client', { route: 'chat' }))
    log.refused(describeRefusal(request, new WsError('ORIGIN_NOT_ALLOWED'), 'client', { route: 'chat' }))
    log.refused(describeRefusal(request, new WsError('TOO_MANY_CONNECTIONS'), 'client', { route: 'chat', closeCode: 1013 }))
    log.refused(describeRefusal({ ...request, url: '/ws/nope' }, new WsError('ROUTE_NOT_FOUND'), 'client'))
    log.refused(describeRefusal(request, new WsError('UNAUTHORIZED', 'Invalid token', { cause: dbDown }), 'server', { route: 'chat' }))
    expect(sink.lines).toEqual([
      {
        level: 'debug',
        message: '[wsbridge] refused 401 UNAUTHORIZED path=/ws/chat ip=10.0.0.1 route=chat origin=https://evil.example: Invalid token',
      },
      {
        level: 'warn',
        message:
          '[wsbridge] refused 403 ORIGIN_NOT_ALLOWED path=/ws/chat ip=10.0.0.1 route=chat origin=https://evil.example: Origin not allowed',
      },
      {
        level: 'warn',
        message:
          '[wsbridge] refused close 1013 TOO_MANY_CONNECTIONS path=/ws/chat ip=10.0.0.1 route=chat origin=https://evil.example: Too many connections',
      },
      {
        level: 'debug',
        message: '[wsbridge] refused 404 ROUTE_NOT_FOUND path=/ws/nope ip=10.0.0.1 origin=https://evil.example: Not found',
      },
      {
        level: 'error',
        message: '[wsbridge] refused 401 UNAUTHORIZED path=/ws/chat ip=10.0.0.1 route=chat origin=https://evil.example: Invalid token',
        error: dbDown,
      },
    ])
    expect(sink.lines.map((l) => l.message).join('\n')).not.toContain('secret')
  })
})
