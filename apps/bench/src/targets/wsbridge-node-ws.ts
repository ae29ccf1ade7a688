// wsbridge on Node through adapter-node-ws.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import { announce, HOST } from './ready.js'
import { benchOptions, routes } from './wsbridge-routes.js'

const server = createServer((_req, res) => res.writeHead(404).end())
createNodeWebSocketServer(routes, benchOptions).attach(server)
server.listen(0, HOST, () => announce((server.address() as AddressInfo).port))
