import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createMemoryPubSubBus, defineRoute, WsError, type BridgeInstrumentation, type Connection, routeTopic } from '../src/index.js'
import { createTestBridge } from '../src/testing/index.js'

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** An observer that writes every call down as one line. */
function recorder(): { log: string[]; hooks: BridgeInstrumentation } {
  const log: string[] = []
  const hooks: BridgeInstrumentation = {
    opened: (c) => void log.push(`opened ${c.route}`),
    refused: (r) => void log.push(`refused ${r.status} ${r.error.code}`),
    closed: (c, code) => void log.push(`closed ${c.route} ${code}`),
    message: (c, data, binary) => {
      log.push(`in ${c.route} ${binary ? 'binary' : 'text'} ${typeof data === 'string' ? data.length : data.byteLength}`)
      let started = Number.NaN
      return {
        started: () => void (started = performance.now()),
        end: (type, error) =>
          void log.push(`end ${type ?? '-'} ${error?.code ?? 'ok'} ${performance.now() - started >= 50 ? 'slow' : 'fast'}`),
      }
    },
    sent: (c, frame) => void log.push(`out ${c.route} ${String(frame)}`),
    dropped: (c) => void log.push(`dropped ${c.route}`),
    error: (e, c) => void log.push(`error ${e.code} ${c ? c.route : '-'}`),
    published: (topics, _frame, sender, deliveries) => {
      log.push(`published ${topics.join(',')} ${sender ? 'by-connection' : 'by-bridge'} ${deliveries}`)
      return '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'
    },
    delivered: (message, via, deliveries) => void log.push(`delivered ${via} ${message.trace ?? '-'} ${deliveries}`),
  }
  return { log, hooks }
}

const routes = {
  chat: defineRoute({
    kind: 'ws',
    messages: {
      say: { schema: v.object({ type: v.literal('say'), text: v.string() }), handler: (m, c) => void c.send({ echo: m.text }) },
      slow: {
        schema: v.object({ type: v.literal('slow') }),
        handler: async () => {
          await tick(80)
        },
      },
      fail: {
        schema: v.object({ type: v.literal('fail') }),
        handler: () => {
          throw new WsError('FORBIDDEN')
        },
      },
    },
  }),
}

describe('instrumentation hooks', () => {
  it('reports opens, messages with their declared type and duration, sends, errors and closes', async () => {
    const { log, hooks } = recorder()
    const bridge = createTestBridge(routes, { instrumentation: hooks })
    const client = await bridge.connect('/chat')
    client.send({ type: 'say', text: 'hi' })
    client.send({ type: 'slow' })
    client.send({ type: 'fail' })
    client.send({ type: 'made-up' })
    await tick(120)
    client.close(1000)
    await tick(5)
    expect(log).toEqual([
      'opened chat',
      'in chat text 26',
      'out chat {"echo":"hi"}',
      'end say ok fast',
      'in chat text 15',
      'in chat text 15',
      'in chat text 18',
      'end slow ok slow',
      // The handler's own time: the 80 ms it waited behind "slow" do not count.
      'end fail FORBIDDEN fast',
      'error FORBIDDEN chat',
      expect.stringMatching(/^out chat \{"type":"error","code":"FORBIDDEN"/),
      // An undeclared type is never recorded: clients must not invent metric labels.
      'error UNKNOWN_TYPE chat',
      expect.stringMatching(/^out chat \{"type":"error","code":"UNKNOWN_TYPE"/),
      'end - ok fast',
      'closed chat 1000',
    ])
  })

  it('reports refused upgrades with their status and code', async () => {
    const { log, hooks } = recorder()
    const bridge = createTestBridge(routes, { instrumentation: hooks })
    await bridge.upgrade('/nowhere')
    expect(log).toEqual(['refused 404 ROUTE_NOT_FOUND'])
  })

  it('carries the trace context a publish hook returns to the other instance, whose delivery is reported', async () => {
    const bus = createMemoryPubSubBus()
    const one = recorder()
    const two = recorder()
    const a = createTestBridge(routes, { instrumentation: one.hooks, pubsub: bus.driver() })
    const b = createTestBridge(routes, { instrumentation: two.hooks, pubsub: bus.driver() })
    await Promise.all([a.connect('/chat'), b.connect('/chat'), b.connect('/chat')])
    a.bridge.publish(routeTopic('chat'), { all: true })
    const [connection] = [...a.bridge.connections] as Connection[]
    connection?.publish(routeTopic('chat'), { n: 1 })
    await tick(5)
    expect(one.log.filter((line) => line.startsWith('published'))).toEqual([
      `published ${routeTopic('chat')} by-bridge 1`,
      `published ${routeTopic('chat')} by-connection 0`,
    ])
    expect(two.log.filter((line) => line.startsWith('delivered'))).toEqual([
      `delivered ${routeTopic('chat')} 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01 2`,
      `delivered ${routeTopic('chat')} 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01 2`,
    ])
  })

  it('a hook that throws is logged and never breaks the connection', async () => {
    const lines: string[] = []
    const bridge = createTestBridge(routes, {
      logger: { error: (line: string) => void lines.push(line), warn: (line: string) => void lines.push(line) },
      instrumentation: {
        message: () => {
          throw new Error('observer bug')
        },
      },
    })
    const client = await bridge.connect('/chat')
    client.send({ type: 'say', text: 'still here' })
    expect(await client.next()).toEqual({ echo: 'still here' })
    expect(lines.join('\n')).toMatch(/instrumentation message hook threw/)
  })
})
