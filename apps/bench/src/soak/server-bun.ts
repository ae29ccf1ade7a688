// The soak's adapter-bun server (SOAK_ADAPTER=bun), run under Bun; see tally.ts. With several server
// processes the first listens on a free port and the others on SOAK_PORT, all with SO_REUSEPORT, so the
// kernel spreads incoming connections over their listening sockets (servers.ts).
import { createBunWebSocket } from '@wsbridge/adapter-bun'
import { runSoakServer, soakOptions, soakRoutes } from './tally.js'

const port = Number(process.env['SOAK_PORT'] ?? 0)
const { fetch, websocket, bridge, close } = createBunWebSocket(soakRoutes, soakOptions)
const server = Bun.serve({ hostname: '127.0.0.1', port, reusePort: true, fetch, websocket })
runSoakServer(server.port ?? 0, bridge, async () => {
  await close()
  await server.stop()
})
