import { expectSilence, openClient, type WireClient } from '@wsbridge/conformance'
import { CONTROL_TOPIC, defineRoute } from '@wsbridge/core'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { createRedisPubSub } from '../src/index.js'
import { startInstance, type Instance } from './instances.js'
import { runRedisTests, SHARED_REDIS_URL, waitFor } from './redis-server.js'
import { chatRoutes } from './routes.js'

/** The chat routes, plus one whose handler tries to use the control topic as a user topic. */
const routes = {
  ...chatRoutes,
  forger: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => connection.subscribe(CONTROL_TOPIC),
      onMessage: (message, connection) => void connection.publish(CONTROL_TOPIC, message),
    },
  }),
}

let instances: Instance[] = []
let clients: WireClient[] = []
afterEach(async () => {
  for (const client of clients) client.terminate()
  await Promise.all(instances.map((instance) => instance.close()))
  instances = []
  clients = []
})

async function startTwo(): Promise<{ errors: unknown[]; connect(index: number, path: string): Promise<WireClient> }> {
  const prefix = `wsbridge-test:${crypto.randomUUID()}:`
  const errors: unknown[] = []
  const drivers = [0, 1].map(() => createRedisPubSub({ url: SHARED_REDIS_URL, prefix }))
  const userKey = (user: unknown) => (user as { name: string }).name
  instances = await Promise.all(
    (['node-ws', 'express'] as const).map((kind, i) =>
      startInstance(kind, routes, { pubsub: drivers[i]!, userKey, onError: (error) => void errors.push(error) }),
    ),
  )
  await Promise.all(drivers.map((driver) => driver.ready()))
  // Both bridges subscribed the control channel at start.
  const admin = new Redis(SHARED_REDIS_URL)
  await waitFor(
    async () => Number(((await admin.pubsub('NUMSUB', prefix + CONTROL_TOPIC)) as [string, number])[1]) === 2,
    'control channel',
  )
  admin.disconnect()
  return {
    errors,
    async connect(index, path) {
      const client = await openClient(instances[index]!.url(path))
      clients.push(client)
      return client
    },
  }
}

describe.skipIf(!runRedisTests)('cluster control over Redis (two instances, real sockets)', () => {
  it('sendToUser reaches every connection of the user on both instances, and nobody else', async () => {
    const cluster = await startTwo()
    const [a1, a2, a3, bob] = await Promise.all([
      cluster.connect(0, '/chat?name=alice'),
      cluster.connect(0, '/chat?name=alice'),
      cluster.connect(1, '/chat?name=alice'),
      cluster.connect(1, '/chat?name=bob'),
    ])
    expect(instances[0]!.bridge.sendToUser('alice', { hello: 'alice' })).toBe(2)
    for (const client of [a1!, a2!, a3!]) expect(await client.next()).toEqual({ hello: 'alice' })
    expect(instances[1]!.bridge.sendToUser('bob', 'plain', { format: 'text' })).toBe(1)
    expect(await bob!.next()).toBe('plain')
    expect(instances[0]!.bridge.sendToUser('nobody', 1)).toBe(0)
    await Promise.all([a1!, a2!, a3!, bob!].map((client) => expectSilence(client, 200)))
    expect(cluster.errors).toEqual([])
  })

  it('disconnectUser closes every connection of the user on both instances with the code and reason given', async () => {
    const cluster = await startTwo()
    const [a1, a2, bob] = await Promise.all([
      cluster.connect(0, '/chat?name=alice'),
      cluster.connect(1, '/chat?name=alice'),
      cluster.connect(1, '/chat?name=bob'),
    ])
    expect(instances[1]!.bridge.disconnectUser('alice', { code: 4403, reason: 'banned' })).toBe(1)
    expect(await a1!.waitClose()).toMatchObject({ code: 4403, reason: 'banned' })
    expect(await a2!.waitClose()).toMatchObject({ code: 4403, reason: 'banned' })
    await waitFor(() => instances.every((instance) => instance.bridge.connections.size === (instance === instances[1] ? 1 : 0)), 'release')
    expect(instances[0]!.bridge.disconnectUser('alice')).toBe(0)
    // Bob is untouched, and an invalid code is refused before anything is sent.
    expect(() => instances[0]!.bridge.disconnectUser('bob', { code: 1005 })).toThrow(/not a valid close code/)
    expect(instances[0]!.bridge.sendToUser('bob', 'still here')).toBe(0)
    expect(await bob!.next()).toBe('still here')
    expect(cluster.errors).toEqual([])
  })

  it('a connection cannot forge a command: publishing on the control topic stays local and subscribing to it receives none', async () => {
    const cluster = await startTwo()
    const alice = await cluster.connect(1, '/chat?name=alice')
    const [forger, listener] = await Promise.all([cluster.connect(0, '/forger'), cluster.connect(1, '/forger')])
    forger.send({ op: 'disconnect', user: 'alice', code: 4403, reason: 'forged' })
    instances[0]!.bridge.sendToUser('alice', 'real')
    expect(await alice.next()).toBe('real')
    await expectSilence(alice, 300)
    // The other instance's subscriber of the same name sees neither the forgery nor the real command.
    await expectSilence(listener, 100)
    expect(instances[1]!.bridge.connections.size).toBe(2)
    expect(cluster.errors).toEqual([])
  })
})
