import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createConformanceFixture } from '@wsbridge/conformance/fixture'
import { createNodeWebSocketServer } from '../src/index.js'

/**
 * The conformance host: node:http with GET /health and a catch-all answering `app`, plus the adapter
 * in attach mode, on 127.0.0.1. The suite runs it as a process (conformance.test.ts); written out
 * in full, as a third party's host would be (docs/conformance.md).
 */
const fixture = createConformanceFixture()
const server = createServer((request, response) => response.end(request.url === '/health' ? 'ok' : 'app'))
const wss = createNodeWebSocketServer(fixture.routes, fixture.options)
fixture.observe(wss.bridge, async () => {
  await wss.close()
  server.closeAllConnections()
  server.close()
})
wss.attach(server)
server.listen(fixture.port, '127.0.0.1', () => fixture.ready((server.address() as AddressInfo).port))
