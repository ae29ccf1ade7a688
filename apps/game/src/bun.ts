// The game on Bun.serve: `npm run start:bun` (the bun binary from node_modules).
import { createBunWebSocket } from '@wsbridge/adapter-bun'
import { listenOrFail } from '@wsbridge/app-kit/startup-failure'
import { pageOrNotFound } from './server/page.js'
import { announce, closeOnSignal, readEnv, setupGame } from './server/setup.js'

const { port, hostname, options } = readEnv(process.env)
const setup = await setupGame(options)
const { fetch, websocket } = createBunWebSocket(setup.bridge, { fallback: (request) => pageOrNotFound(setup.page, request) })
const server = listenOrFail('game', () => Bun.serve({ port, hostname, fetch, websocket }), { port, hostname })
announce('bun', hostname, server.port ?? port)
closeOnSignal(setup, () => server.stop(true))
