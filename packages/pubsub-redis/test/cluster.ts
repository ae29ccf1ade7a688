import { openClient, type WireClient } from '@wsbridge/conformance'
import { Redis } from 'ioredis'
import { createRedisPubSub, type RedisPubSub } from '../src/index.js'
import { startInstance, type Instance, type InstanceKind } from './instances.js'
import { chatRoutes } from './routes.js'

/** Several instances of the chat routes sharing one Redis through their own drivers. */
export interface Cluster {
  readonly instances: Instance[]
  readonly drivers: RedisPubSub[]
  readonly prefix: string
  readonly errors: unknown[]
  /** The bridges' log lines, when started with `recordLog` (an outage the test provokes); else they go to stderr. */
  readonly logged: string[]
  /** Opens a client on instance `index` at `path`. */
  connect(index: number, path: string): Promise<WireClient>
  /** Waits until `count` instances have SUBSCRIBEd the channel of `topic` in Redis. */
  subscribed(topic: string, count: number): Promise<void>
  close(): Promise<void>
}

export async function startCluster(
  url: string,
  kinds: readonly InstanceKind[],
  redis: { retryStrategy?: () => number } = {},
  presence = false,
  recordLog = false,
): Promise<Cluster> {
  const prefix = `wsbridge-test:${crypto.randomUUID()}:`
  const errors: unknown[] = []
  const logged: string[] = []
  const logger = recordLog
    ? { logger: { error: (line: string) => void logged.push(line), warn: (line: string) => void logged.push(line) } }
    : {}
  const drivers = kinds.map(() => createRedisPubSub({ url, prefix, redis, presence }))
  const instances = await Promise.all(
    kinds.map((kind, i) => startInstance(kind, chatRoutes, { pubsub: drivers[i]!, onError: (error) => errors.push(error), ...logger })),
  )
  await Promise.all(drivers.map((driver) => driver.ready()))
  const clients: WireClient[] = []
  return {
    instances,
    drivers,
    prefix,
    errors,
    logged,
    async connect(index, path) {
      const client = await openClient(instances[index]!.url(path))
      clients.push(client)
      return client
    },
    async subscribed(topic, count) {
      const admin = new Redis(url)
      try {
        for (let i = 0; i < 500; i++) {
          const [, n] = (await admin.pubsub('NUMSUB', prefix + topic)) as [string, number]
          if (Number(n) >= count) return
          await new Promise((resolve) => setTimeout(resolve, 10))
        }
        throw new Error(`${topic} never reached ${count} Redis subscribers`)
      } finally {
        admin.disconnect()
      }
    },
    async close() {
      for (const client of clients) client.terminate()
      await Promise.all(instances.map((instance) => instance.close()))
    },
  }
}
