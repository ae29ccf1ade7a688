// The chat on Express (the default: `npm start` from the repository root).
import { createServer } from 'node:http'
import { createExpressWebSocketServer } from '@wsbridge/adapter-express'
import express from 'express'
import { setupChat } from './server/bootstrap.js'
import { listenNode } from './server/node-listen.js'
import { servePage } from './server/page.js'

const { config, bridge, page, metrics, inspector } = await setupChat('express')
const app = express()
app.use((request, response, next) => {
  if (inspector?.handleNode(request, response)) return
  if (!servePage(page, request, response) && !metrics.serve(request, response)) next()
})

const server = createServer(app)
createExpressWebSocketServer(bridge).attach(server)
listenNode('express', server, bridge, config)
