// The chat on Node's `ws` package with a plain node:http server: `npm run start:node-ws`.
import { createServer } from 'node:http'
import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import { setupChat } from './server/bootstrap.js'
import { listenNode } from './server/node-listen.js'
import { servePage } from './server/page.js'

const { config, bridge, page, metrics, inspector } = await setupChat('node-ws')
const server = createServer((request, response) => {
  if (inspector?.handleNode(request, response)) return
  if (!servePage(page, request, response) && !metrics.serve(request, response)) response.writeHead(404).end('Not Found')
})
createNodeWebSocketServer(bridge).attach(server)
listenNode('node-ws', server, bridge, config)
