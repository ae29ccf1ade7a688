// The echo sample on Node's `ws` with a plain node:http server: `npm run start:node-ws`.
import { createServer } from 'node:http'
import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import { servePage } from '@wsbridge/app-kit/page'
import { listenNode } from '@wsbridge/app-kit/serve'
import { announce, readEnv, setupEcho } from './server/setup.js'

const { port, hostname } = readEnv(process.env)
const { bridge, page } = await setupEcho()
const server = createServer((request, response) => {
  if (!servePage(page, request, response)) response.writeHead(404).end('Not Found')
})
createNodeWebSocketServer(bridge).attach(server)
listenNode(
  'echo',
  server,
  port,
  hostname,
  (listening) => announce('node-ws', hostname, listening),
  () => bridge.close({ timeout: 2000 }),
)
