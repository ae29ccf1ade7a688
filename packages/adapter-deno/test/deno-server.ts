import { defineRoute } from '@wsbridge/core'
import { createDenoWebSocket } from '../src/index.js'

// A Deno process for the adapter's own tests (adapter.test.ts): one route that records its closes,
// the adapter composed into the app's own handler, and every event as a JSON line on stdout.
declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen: (address: { port: number }) => void },
    handler: (request: Request, info: never) => Response | Promise<Response>,
  ): unknown
}

const log = (event: Record<string, unknown>): void => console.log(JSON.stringify(event))

const routes = {
  echo: defineRoute({
    kind: 'ws',
    handler: {
      onMessage: (message, connection) => {
        if (message === 'close') connection.close(4000, 'bye')
        else connection.send({ echo: message })
      },
      onClose: (_connection, code, reason) => log({ type: 'close', code, reason }),
    },
  }),
}

const adapter = createDenoWebSocket(routes, {
  prefix: '/ws',
  // A close the peer never answers is dropped after 300 ms.
  limits: { closeTimeout: 300, heartbeat: false },
  fallback: (request) => new Response(`app ${new URL(request.url).pathname}`),
})

// The app's own handler in front of the adapter: its routes first, then wsbridge (and its fallback).
Deno.serve({ port: 0, hostname: '127.0.0.1', onListen: ({ port }) => log({ type: 'ready', port }) }, (request, info) => {
  const { pathname } = new URL(request.url)
  if (pathname === '/mine') return new Response('mine')
  if (pathname === '/connections') return new Response(String(adapter.bridge.connections.size))
  return adapter.fetch(request, info)
})
