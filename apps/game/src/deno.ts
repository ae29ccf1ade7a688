// The game on Deno.serve: `npm run start:deno` (the deno binary from node_modules; deno.jsonc
// resolves the workspace packages through node_modules).
import { createDenoWebSocket } from '@wsbridge/adapter-deno'
import { listenOrFail } from '@wsbridge/app-kit/startup-failure'
import { pageOrNotFound } from './server/page.js'
import { announce, closeOnSignal, readEnv, setupGame } from './server/setup.js'

// The part of Deno's API used here; the game's type check runs on Node, without Deno's types.
declare const Deno: {
  serve(
    options: { port: number; hostname: string; onListen?: () => void },
    handler: (request: Request, info: never) => Response | Promise<Response>,
  ): { readonly addr: { readonly port: number }; shutdown(): Promise<void> }
}

const { port, hostname, options } = readEnv(process.env)
const setup = await setupGame(options)
const { fetch } = createDenoWebSocket(setup.bridge, { fallback: (request) => pageOrNotFound(setup.page, request) })
// onListen silences Deno's own "Listening on" line: announce() prints the one tests and people read.
const server = listenOrFail('game', () => Deno.serve({ port, hostname, onListen: () => {} }, fetch), { port, hostname })
announce('deno', hostname, server.addr.port)
closeOnSignal(setup, () => server.shutdown())
