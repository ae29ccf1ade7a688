import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attributeNames as a, metricNames as m, spanNames } from '../src/index.js'
import { clientContext, clientTraceparent, type ObservedInstance, parentOf, points, startObservedInstance } from './two-instances.js'
import WebSocket from 'ws'
import { open, routes } from './chat-fixture.js'

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
}

describe('@wsbridge/otel over two instances and a real Redis', () => {
  let one: ObservedInstance
  let two: ObservedInstance
  const prefix = `otel-test-${process.pid}-${Date.now()}:`

  beforeAll(async () => {
    ;[one, two] = await Promise.all([startObservedInstance(routes, prefix), startObservedInstance(routes, prefix)])
  })
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()])
  })

  it('makes a client message on A, its publish, and the delivery on B one trace', async () => {
    const receiver = await open(two.url('/chat'))
    const sender = await open(`${one.url('/chat')}?traceparent=${clientTraceparent}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
    const messageParent = `00-${clientContext.traceId}-b7ad6b7169203331-01`
    sender.socket.send(JSON.stringify({ type: 'say', text: 'hello', traceparent: messageParent }))
    expect(await receiver.next()).toEqual({ text: 'hello' })
    await until(() => two.spans().some((span) => span.name === spanNames.deliver))

    const upgrade = one.spans().find((span) => span.name === `${spanNames.upgrade} chat`)!
    expect(upgrade.spanContext().traceId).toBe(clientContext.traceId)
    expect(parentOf(upgrade)).toBe(clientContext.spanId)

    const message = one.spans().find((span) => span.name === `${spanNames.message} chat say`)!
    expect(message.spanContext().traceId).toBe(clientContext.traceId)
    expect(parentOf(message)).toBe('b7ad6b7169203331')
    expect(message.attributes[a.messageType]).toBe('say')
    expect(message.links.map((link) => link.context.spanId)).toEqual([upgrade.spanContext().spanId])

    const publish = one.spans().find((span) => span.name === spanNames.publish)!
    expect(publish.spanContext().traceId).toBe(clientContext.traceId)
    expect(parentOf(publish)).toBe(message.spanContext().spanId)
    expect(publish.attributes[a.destination]).toBe('room')

    const deliver = two.spans().find((span) => span.name === spanNames.deliver)!
    expect(deliver.spanContext().traceId).toBe(clientContext.traceId)
    expect(parentOf(deliver)).toBe(publish.spanContext().spanId)
    expect(deliver.attributes[a.deliveryCount]).toBe(1)

    const sentMetrics = await one.metrics()
    expect(points(sentMetrics, m.openConnections)).toEqual([[{ [a.route]: 'chat' }, 1]])
    expect(points(sentMetrics, m.messages)).toContainEqual([{ [a.route]: 'chat', [a.direction]: 'receive', [a.messageType]: 'say' }, 1])
    const bytes = JSON.stringify({ type: 'say', text: 'hello', traceparent: messageParent }).length
    expect(points(sentMetrics, m.messageBytes)).toContainEqual([
      { [a.route]: 'chat', [a.direction]: 'receive', [a.messageType]: 'say' },
      bytes,
    ])
    const [[handled, histogram]] = points(sentMetrics, m.handlerDuration) as [[Record<string, unknown>, { count: number; sum: number }]]
    expect(handled).toEqual({ [a.route]: 'chat', [a.messageType]: 'say' })
    expect(histogram.count).toBe(1)
    expect(histogram.sum).toBeGreaterThan(0)
    expect(points(sentMetrics, m.upgrades)).toEqual([[{ [a.route]: 'chat', [a.upgradeOutcome]: 'accepted', [a.httpStatus]: 101 }, 1]])

    const received = await two.metrics()
    expect(points(received, m.deliveries)).toContainEqual([{ [a.deliveryOrigin]: 'remote' }, 1])
    expect(points(received, m.messages)).toContainEqual([{ [a.route]: 'chat', [a.direction]: 'transmit' }, 1])
    expect(points(received, m.driverUp)).toEqual([[{ [a.driver]: 'redis' }, 1]])
    receiver.socket.close()
    sender.socket.close()
  })

  it('counts refused upgrades, errors by code and closed connections', async () => {
    await new Promise<void>((resolve) => {
      const refused = new WebSocket(one.url('/nowhere'))
      refused.on('error', () => resolve())
    })
    const client = await open(one.url('/chat'))
    client.socket.send(JSON.stringify({ type: 'say', text: 42 }))
    expect(await client.next()).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED' })
    client.socket.close(1000)
    await until(() => one.spans().filter((span) => span.name === `${spanNames.message} chat say`).length === 2)
    const exported = await one.metrics()
    expect(points(exported, m.upgrades)).toContainEqual([
      { [a.upgradeOutcome]: 'refused', [a.httpStatus]: 404, [a.errorType]: 'ROUTE_NOT_FOUND' },
      1,
    ])
    expect(points(exported, m.errors)).toContainEqual([{ [a.route]: 'chat', [a.errorType]: 'VALIDATION_FAILED' }, 1])
    let stillOpen: unknown
    for (let i = 0; i < 100 && stillOpen !== 0; i++) {
      stillOpen = points(await one.metrics(), m.openConnections)[0]?.[1]
      if (stillOpen !== 0) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(stillOpen).toBe(0)
  })
})
