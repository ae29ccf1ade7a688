import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import { feedRoutes, type PublishingInstance, type RecordingLogger, recordingLogger } from '@wsbridge/backplane-testkit'
import { createRedisPubSub } from '@wsbridge/pubsub-redis'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRedisHistory } from '../src/index.js'

/** An instance in this process (node-ws) that publishes the feed; its log lines are recorded, not printed. */
export interface LocalInstance extends PublishingInstance {
  readonly log: RecordingLogger
  close(): Promise<void>
}

export async function localInstance(url: string, prefix: string): Promise<LocalInstance> {
  const log = recordingLogger()
  const options = {
    prefix: '/ws',
    pubsub: createRedisPubSub({ url, prefix }),
    durable: { topics: ['news'], history: createRedisHistory({ url, prefix: `${prefix}history:` }), poll: 200 },
    logger: log,
  }
  const server = createServer((_request, response) => response.writeHead(404).end())
  const wss = createNodeWebSocketServer(feedRoutes, options)
  wss.attach(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  await options.pubsub.ready()
  return {
    log,
    port: (server.address() as AddressInfo).port,
    publish: (topic, data) => wss.bridge.publish(topic, data),
    close: async () => {
      await wss.close()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
