// A third party's conformance host, in plain JavaScript and run with plain `node`: it imports the
// packed packages as installed from their tarballs (see ../packed.test.ts), nothing from the repository.
import { createServer } from 'node:http'
import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import { createConformanceFixture } from '@wsbridge/conformance/fixture'

const fixture = createConformanceFixture()
const server = createServer((request, response) => response.end(request.url === '/health' ? 'ok' : 'app'))
const wss = createNodeWebSocketServer(fixture.routes, fixture.options)
fixture.observe(wss.bridge, async () => {
  await wss.close()
  server.closeAllConnections()
  server.close()
})
wss.attach(server)
server.listen(fixture.port, '127.0.0.1', () => fixture.ready(server.address().port))
