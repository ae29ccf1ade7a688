// The echo sample on Deno.serve: `npm run start:deno` (the deno binary from node_modules;
// deno.jsonc resolves the workspace packages through node_modules).
import { createDenoWebSocket } from '@wsbridge/adapter-deno'
import { pageOrNotFound } from '@wsbridge/app-kit/page'
import { closeOnSignal } from '@wsbridge/app-kit/serve'
import { listenOrFail } from '@wsbridge/app-kit/startup-failure'
import { announce, readEnv, setupEcho } from './server/setup.js'

// The part of Deno's API used here; the type check runs on Node, without Deno's types.
declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen?: () => void },
    handler: (request: Request, info: never) => Response | Promise<Response>,
  ): { readonly addr: { readonly port: number }; shutdown(): Promise<void> }
}

const { port, hostname } = readEnv(process.env)
const { bridge, page } = await setupEcho()
const { fetch } = createDenoWebSocket(bridge, { fallback: (request) => pageOrNotFound(page, request) })
// onListen silences Deno's own "Listening on" line: announce() prints the one tests and people read.
const server = listenOrFail('echo', () => Deno.serve({ port, hostname, onListen: () => {} }, fetch), { port, hostname })
announce('deno', hostname, server.addr.port)
closeOnSignal(
  () => bridge.close({ timeout: 2000 }),
  () => server.shutdown(),
)
