// The chat on Bun.serve: `npm run start:bun` (runs with the bun binary from node_modules).
import { createBunWebSocket } from '@wsbridge/adapter-bun'
import { announce, closeOnSignal, setupChat } from './server/bootstrap.js'
import { pageResponse } from './server/page.js'
import { listenOrFail } from './server/startup-failure.js'

const { config, bridge, page, inspector } = await setupChat('bun')
const { fetch, websocket } = createBunWebSocket(bridge, {
  fallback: (request, server) =>
    inspector?.fetch(request, server.requestIP(request)?.address) ??
    pageResponse(page, request) ??
    new Response('Not Found', { status: 404 }),
})

const server = listenOrFail(() => Bun.serve({ port: config.port, hostname: config.hostname, fetch, websocket }), config)
announce('bun', config, server.port ?? config.port)
closeOnSignal(bridge, () => server.stop(true))
