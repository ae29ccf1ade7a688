import { createServer } from 'node:http'
import { httpServerInstance, listenHost, runConformanceSuite } from '@wsbridge/conformance'
import { createMinimalAdapter } from '../src/minimal-adapter.js'

// The adapter docs/adapters/writing-an-adapter.md shows (included verbatim, see
// writing-an-adapter.test.ts) runs the whole conformance suite, as every shipped adapter does:
// the guide's example is proven, not just compiled. Same HTTP app as the node-ws host.
runConformanceSuite(
  listenHost({
    name: 'minimal',
    capabilities: { httpRoutes: true, fallbackRoute: true, fragmentLimit: true, rawRequestTarget: true },
    reasons: { nativePubSub: 'Node has no native pub/sub: core sends to each subscriber' },
    async listen(routes, options, port) {
      const server = createServer((request, response) => response.end(request.url === '/health' ? 'ok' : 'app'))
      const adapter = createMinimalAdapter(routes, options)
      adapter.attach(server)
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, '127.0.0.1', resolve)
      })
      return httpServerInstance(server, adapter)
    },
  }),
)
