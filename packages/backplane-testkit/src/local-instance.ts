import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { feedRoutes } from './feed-routes.js'
import type { InstanceSetup } from './instance-setup.js'
import type { PublishingInstance } from './scenarios.js'
import { type RecordingLogger, recordingLogger } from './wait.js'

/** A chaos instance in the test's process (node-ws) that publishes the feed; its log lines are recorded, not printed. */
export interface LocalInstance extends PublishingInstance {
  readonly log: RecordingLogger
  close(): Promise<void>
}

/** Serves the feed with `setup` (a package's `instanceOptions(…)`) in this process, once it is connected. */
export async function localInstance(setup: InstanceSetup): Promise<LocalInstance> {
  const log = recordingLogger()
  const server = createServer((_request, response) => response.writeHead(404).end())
  const wss = createNodeWebSocketServer(feedRoutes, { ...setup.options, logger: log })
  wss.attach(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  await setup.ready()
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
