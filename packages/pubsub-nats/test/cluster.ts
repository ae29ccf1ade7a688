import { openClient, type WireClient } from '@wsbridge/conformance'
import { createNatsPubSub, type NatsClientOptions, type NatsPubSub } from '../src/index.js'
import { startInstance, type Instance, type InstanceKind } from './instances.js'
import { testPrefix } from './nats-server.js'
import { chatRoutes } from './routes.js'

/** Several instances of the chat routes sharing one NATS through their own drivers. */
export interface Cluster {
  readonly instances: Instance[]
  readonly drivers: NatsPubSub[]
  /** The subject prefix these instances share. */
  readonly prefix: string
  readonly errors: unknown[]
  /** What the bridges logged: recorded, not printed, so an expected outage keeps the test output quiet. */
  readonly logged: string[]
  /** Opens a client on instance `index` at `path`. */
  connect(index: number, path: string): Promise<WireClient>
  /** Waits until the server has processed every driver's subscriptions so far. */
  subscribed(): Promise<void>
  close(): Promise<void>
}

export async function startCluster(
  servers: string,
  kinds: readonly InstanceKind[],
  nats: NatsClientOptions = {},
  presence = false,
): Promise<Cluster> {
  const prefix = testPrefix()
  const errors: unknown[] = []
  const logged: string[] = []
  const logger = { error: (line: string) => void logged.push(line), warn: (line: string) => void logged.push(line) }
  const drivers = kinds.map(() => createNatsPubSub({ servers, prefix, nats, presence }))
  const instances = await Promise.all(
    kinds.map((kind, i) => startInstance(kind, chatRoutes, { pubsub: drivers[i]!, onError: (error) => errors.push(error), logger })),
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
    async subscribed() {
      await Promise.all(drivers.map((driver) => driver.flush()))
    },
    async close() {
      for (const client of clients) client.terminate()
      await Promise.all(instances.map((instance) => instance.close()))
    },
  }
}
