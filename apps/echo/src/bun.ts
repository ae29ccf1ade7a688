// The echo sample on Bun.serve: `npm run start:bun` (the bun binary from node_modules).
import { createBunWebSocket } from '@wsbridge/adapter-bun'
import { pageOrNotFound } from '@wsbridge/app-kit/page'
import { closeOnSignal } from '@wsbridge/app-kit/serve'
import { listenOrFail } from '@wsbridge/app-kit/startup-failure'
import { announce, readEnv, setupEcho } from './server/setup.js'

const { port, hostname } = readEnv(process.env)
const { bridge, page } = await setupEcho()
const { fetch, websocket } = createBunWebSocket(bridge, { fallback: (request) => pageOrNotFound(page, request) })
const server = listenOrFail('echo', () => Bun.serve({ port, hostname, fetch, websocket }), { port, hostname })
announce('bun', hostname, server.port ?? port)
closeOnSignal(
  () => bridge.close({ timeout: 2000 }),
  () => server.stop(true),
)
