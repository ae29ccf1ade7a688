import { createServer } from 'node:http'
import { httpServerInstance } from '@wsbridge/conformance'
import { serveFixture } from '@wsbridge/conformance/fixture'
import { createMinimalAdapter } from '../src/minimal-adapter.js'

// The conformance host process for the guide's minimal adapter: the same HTTP app as the node-ws host.
await serveFixture(async (routes, options, port) => {
  const server = createServer((request, response) => response.end(request.url === '/health' ? 'ok' : 'app'))
  const adapter = createMinimalAdapter(routes, options)
  adapter.attach(server)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  return httpServerInstance(server, adapter)
})
