// The chat on Deno.serve: `npm run start:deno` (runs with the deno binary from node_modules).
import { createDenoWebSocket } from '@wsbridge/adapter-deno'
import { announce, closeOnSignal, setupChat } from './server/bootstrap.js'
import { pageResponse } from './server/page.js'
import { listenOrFail } from './server/startup-failure.js'

// The part of Deno's API used here; the chat's type check runs on Node, without Deno's types.
declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen?: () => void },
    handler: (request: Request, info: never) => Response | Promise<Response>,
  ): { readonly addr: { readonly port: number }; shutdown(): Promise<void> }
}

const { config, bridge, page } = await setupChat('deno')
const { fetch } = createDenoWebSocket(bridge, {
  fallback: (request) => pageResponse(page, request) ?? new Response('Not Found', { status: 404 }),
})

// onListen silences Deno's own "Listening on" line: announce() prints the one tests and people read.
const server = listenOrFail(() => Deno.serve({ port: config.port, hostname: config.hostname, onListen: () => {} }, fetch), config)
announce('deno', config, server.addr.port)
closeOnSignal(bridge, () => server.shutdown())
