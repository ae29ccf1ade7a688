import { describe, expect, it } from 'vitest'
import { createBridge, defineRoute, type Connection } from '../src/index.js'
import { SocketEvents, type Transport } from '../src/adapter/index.js'
import { createTestBridge } from '../src/testing/index.js'
// One list for this test and the conformance case over the wire; that file imports nothing.
import { DOCUMENTED_CONNECTION_KEYS, FORMER_INTERNALS } from '../../conformance/src/connection-surface-names.js'

// Every class prototype has `constructor` (Object.prototype too); what it leads to is checked below.
const EXPECTED = [...DOCUMENTED_CONNECTION_KEYS, 'constructor'].sort()

/** Every key reachable on `value`: own and inherited, strings and symbols, up to Object.prototype. */
function reachableKeys(value: object): string[] {
  const keys = new Set<string>()
  for (
    let level: object | null = value;
    level !== null && level !== Object.prototype;
    level = Object.getPrototypeOf(level) as object | null
  ) {
    for (const key of Reflect.ownKeys(level)) keys.add(typeof key === 'symbol' ? key.toString() : key)
  }
  return [...keys].sort()
}

/** The classes behind `value` carry no static members (a static accessor would reach internals). */
function constructorStatics(value: object): string[] {
  const statics: string[] = []
  for (
    let level: object | null = Object.getPrototypeOf(value) as object | null;
    level !== null && level !== Object.prototype;
    level = Object.getPrototypeOf(level) as object | null
  ) {
    const ctor: unknown = Object.getOwnPropertyDescriptor(level, 'constructor')?.value
    if (typeof ctor !== 'function') continue
    for (const key of Reflect.ownKeys(ctor)) if (key !== 'length' && key !== 'name' && key !== 'prototype') statics.push(String(key))
  }
  return statics
}

function expectOnlyDocumented(connection: Connection): void {
  expect(reachableKeys(connection)).toEqual(EXPECTED)
  expect(constructorStatics(connection)).toEqual([])
  const loose = connection as unknown as Record<string, unknown>
  for (const name of FORMER_INTERNALS) expect({ name, type: typeof loose[name] }).toEqual({ name, type: 'undefined' })
}

describe('the connection a handler receives', () => {
  it('exposes exactly the documented Connection API in onOpen, onMessage and onClose', async () => {
    const seen: Connection[] = []
    const route = defineRoute({
      kind: 'ws',
      handler: {
        onOpen: (connection) => void seen.push(connection),
        onMessage: (_message, connection) => void seen.push(connection),
        onClose: (connection) => void seen.push(connection),
      },
    })
    const t = createTestBridge({ route })
    const client = await t.connect('/route')
    client.send('hi')
    client.close()
    await client.flush()
    expect(seen).toHaveLength(3)
    for (const connection of seen) expectOnlyDocumented(connection)
  })

  it('is the object `bridge.connections` and the test harness hand out, with the same surface', async () => {
    const t = createTestBridge({ echo: defineRoute({ kind: 'ws', handler: { onMessage: (m, c) => c.send(m) } }) })
    const client = await t.connect('/echo')
    const [listed] = [...t.bridge.connections]
    expect(listed).toBe(client.connection)
    expectOnlyDocumented(client.connection)
  })

  it("is not the adapter's events object, and the events object leads nowhere else", () => {
    let received: Connection | undefined
    const bridge = createBridge({
      r: defineRoute({ kind: 'ws', handler: { onOpen: (c) => void (received = c), onMessage: () => undefined } }),
    })
    const sent: unknown[] = []
    const transport: Transport = {
      send: (frame) => void sent.push(frame),
      close() {},
      terminate() {},
      ping() {},
      bufferedAmount: 0,
      raw: undefined,
    }
    const match = bridge.match('/r')!
    const decision = bridge.authorize({ url: '/r', headers: {}, ip: '127.0.0.1' }, match)
    if (decision instanceof Promise || !decision.ok) throw new Error('expected a synchronous acceptance')
    const events = bridge.open(decision, transport)
    expect(received).toBeDefined()
    expect(events).not.toBe(received)
    expect(reachableKeys(events)).toEqual(['closed', 'constructor', 'drain', 'error', 'message', 'pong'])
    expect(constructorStatics(events)).toEqual([])
    // The events still drive the connection: the typed client's heartbeat frame is answered.
    events.message('{"~":"ping"}', false)
    expect(sent).toEqual(['{"~":"pong"}'])
    events.closed(1000, '')
    expect(received!.readyState).toBe(3)
  })

  it("a transport extending SocketEvents is its socket's events object: no second object per connection", () => {
    const connections: Connection[] = []
    const bridge = createBridge({
      r: defineRoute({ kind: 'ws', handler: { onOpen: (c) => void connections.push(c), onMessage: () => undefined } }),
    })
    // What an adapter's transport class does (adapter-node-ws's ws transports, the Bun transports).
    class PingTransport extends SocketEvents implements Transport {
      readonly sent: unknown[] = []
      readonly bufferedAmount = 0
      readonly raw = undefined
      send(data: string | Uint8Array): void {
        this.sent.push(data)
      }
      close(): void {}
      terminate(): void {}
      ping(): void {}
    }
    const open = (transport: Transport) => {
      const decision = bridge.authorize({ url: '/r', headers: {}, ip: '127.0.0.1' }, bridge.match('/r')!)
      if (decision instanceof Promise || !decision.ok) throw new Error('expected a synchronous acceptance')
      return bridge.open(decision, transport)
    }
    const transport = new PingTransport()
    const events = open(transport)
    expect(events).toBe(transport)
    // A transport already serving a connection is not rebound: the second one gets an events object of its own.
    const second = open(transport)
    expect(second).not.toBe(transport)
    events.message('{"~":"ping"}', false)
    expect(transport.sent).toEqual(['{"~":"pong"}'])
    second.closed(1000, '')
    expect(connections.map((c) => c.readyState)).toEqual([1, 3])
    for (const connection of connections) expectOnlyDocumented(connection)
  })
})
