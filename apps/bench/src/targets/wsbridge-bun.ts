// wsbridge on Bun through adapter-bun.
import { createBunWebSocket } from '@wsbridge/adapter-bun'
import { announce, HOST } from './ready.js'
import { benchOptions, routes } from './wsbridge-routes.js'

const { fetch, websocket } = createBunWebSocket(routes, benchOptions)
const server = Bun.serve({ hostname: HOST, port: 0, fetch, websocket })
announce(server.port ?? 0)
