// The soak's adapter-bun server (SOAK_ADAPTER=bun), run under Bun; see tally.ts.
import { createBunWebSocket } from '@wsbridge/adapter-bun'
import { runSoakServer, soakOptions, soakRoutes } from './tally.js'

const { fetch, websocket, bridge, close } = createBunWebSocket(soakRoutes, soakOptions)
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch, websocket })
runSoakServer(server.port ?? 0, bridge, async () => {
  await close()
  await server.stop()
})
