import type { HostListen } from '@wsbridge/conformance'
import { serveFixture } from '@wsbridge/conformance/fixture'
import { createDenoWebSocket } from '../src/index.js'

declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen?: (address: { port: number }) => void },
    handler: (request: Request, info: never) => Response | Promise<Response>,
  ): { readonly addr: { readonly port: number }; shutdown(): Promise<void> }
}

/** Deno.serve with the adapter's handler and a fallback serving GET /health and answering `app` to everything else. */
const listen: HostListen = async (routes, options, port) => {
  const adapter = createDenoWebSocket(routes, {
    ...options,
    fallback: (request) => (new URL(request.url).pathname === '/health' ? new Response('ok') : new Response('app')),
  })
  const server = Deno.serve({ port, hostname: '127.0.0.1', onListen: () => {} }, adapter.fetch)
  return {
    bridge: adapter.bridge,
    port: server.addr.port,
    async stop() {
      await adapter.close()
      await server.shutdown()
    },
  }
}

// The conformance host process, run under Deno by conformance.test.ts.
await serveFixture(listen)
