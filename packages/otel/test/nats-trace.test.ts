import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attributeNames as a, metricNames as m, spanNames } from '../src/index.js'
import { clientContext, clientTraceparent, type ObservedInstance, parentOf, points, startObservedInstance } from './two-instances.js'
import { open, routes } from './chat-fixture.js'

// The Redis version of this trace lives in otel.test.ts; NATS carries the same envelope (with its
// trace context field), so a publish on A and its delivery on B must be one trace here too.
const until = async (check: () => boolean, ms: number): Promise<void> => {
  for (let i = 0; i < ms / 10 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
}

describe('@wsbridge/otel over two instances and a real NATS', () => {
  let one: ObservedInstance
  let two: ObservedInstance
  const prefix = `otel_nats_${process.pid}_${Date.now()}`

  beforeAll(async () => {
    ;[one, two] = await Promise.all([startObservedInstance(routes, prefix, 'nats'), startObservedInstance(routes, prefix, 'nats')])
  })
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()])
  })

  it('makes a publish on A and its delivery on B one trace', async () => {
    const receiver = await open(two.url('/chat'))
    const sender = await open(`${one.url('/chat')}?traceparent=${clientTraceparent}`)
    // The subscription on B reaches the server before A publishes: retry until the first message lands.
    const messageParent = `00-${clientContext.traceId}-b7ad6b7169203331-01`
    const say = () => sender.socket.send(JSON.stringify({ type: 'say', text: 'hello', traceparent: messageParent }))
    const first = receiver.next()
    for (let i = 0; i < 50 && !two.spans().some((span) => span.name === spanNames.deliver); i++) {
      say()
      await until(() => two.spans().some((span) => span.name === spanNames.deliver), 200)
    }
    expect(await first).toEqual({ text: 'hello' })

    const deliver = two.spans().find((span) => span.name === spanNames.deliver)!
    const publish = one.spans().find((span) => span.name === spanNames.publish && span.spanContext().spanId === parentOf(deliver))
    expect(publish, 'the delivery on B is a child of a publish span on A').toBeDefined()
    const message = one.spans().find((span) => span.spanContext().spanId === parentOf(publish!))
    expect(message?.name).toBe(`${spanNames.message} chat say`)
    expect(parentOf(message!)).toBe('b7ad6b7169203331')
    expect(publish!.spanContext().traceId).toBe(clientContext.traceId)
    expect(deliver.spanContext().traceId).toBe(clientContext.traceId)
    expect(deliver.attributes[a.deliveryCount]).toBe(1)

    const received = await two.metrics()
    expect(points(received, m.deliveries)).toContainEqual([{ [a.deliveryOrigin]: 'remote' }, expect.any(Number)])
    expect(points(received, m.driverUp)).toEqual([[{ [a.driver]: 'nats' }, 1]])
    receiver.socket.close()
    sender.socket.close()
  })
})
