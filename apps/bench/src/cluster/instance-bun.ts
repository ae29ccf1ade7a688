// A cluster-bench instance on Bun: adapter-bun.
import { createBunWebSocket } from '@wsbridge/adapter-bun'
import { announce, HOST } from '../targets/ready.js'
import { clusterOptions, clusterRoutes } from './instance-options.js'

const { fetch, websocket } = createBunWebSocket(clusterRoutes, clusterOptions())
const server = Bun.serve({ hostname: HOST, port: 0, fetch, websocket })
announce(server.port ?? 0)
