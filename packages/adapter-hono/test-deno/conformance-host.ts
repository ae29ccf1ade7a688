import type { HostListen } from '@wsbridge/conformance'
import { serveFixture } from '@wsbridge/conformance/fixture'
import { Hono } from 'hono'
import { upgradeWebSocket } from 'hono/deno'
import { createHonoWebSocket } from '../src/index.js'

declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen?: (address: { port: number }) => void },
    handler: (request: Request, info: never) => Response | Promise<Response>,
  ): { readonly addr: { readonly port: number }; shutdown(): Promise<void> }
}

/** Hono on Deno.serve with hono/deno's `upgradeWebSocket`, GET /health and a catch-all answering `app`. */
const listen: HostListen = async (routes, options, port) => {
  const app = new Hono()
  const { middleware, bridge, close } = createHonoWebSocket(routes, { ...options, upgradeWebSocket })
  // Mounted for every path: Hono's router would not hand it `/ws\echo` (a `\` where `/` belongs),
  // which core refuses 400 as under the prefix. Anything not an upgrade under the prefix goes on.
  app.use(middleware)
  app.get('/health', (c) => c.text('ok'))
  app.all('*', (c) => c.text('app'))
  const server = Deno.serve({ port, hostname: '127.0.0.1', onListen: () => {} }, app.fetch)
  return {
    bridge,
    port: server.addr.port,
    async stop() {
      await close()
      await server.shutdown()
    },
  }
}

// The conformance host process for Hono on Deno (`deno run -A test-deno/conformance-host.ts`), run by
// test/conformance-deno.test.ts.
await serveFixture(listen)
