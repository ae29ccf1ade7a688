// The soak's adapter-node-ws server (SOAK_ADAPTER=node-ws), run compiled under Node; see tally.ts.
// Alone, or as one worker of server-node-primary.ts: in a cluster worker `listen` on port 0 asks the
// primary for the shared handle, so every worker gets the same port.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import { runSoakServer, soakOptions, soakRoutes } from './tally.js'

const wss = createNodeWebSocketServer(soakRoutes, soakOptions)
const http = createServer((_request, response) => response.writeHead(404).end())
wss.attach(http)
// A large backlog: 100k clients connect in bursts of hundreds per client process.
http.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () =>
  runSoakServer((http.address() as AddressInfo).port, wss.bridge, async () => {
    await wss.close()
    http.close()
  }),
)
