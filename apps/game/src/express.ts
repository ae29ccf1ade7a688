// The game on Express: `npm run start:express`.
import { createServer } from 'node:http'
import { createExpressWebSocketServer } from '@wsbridge/adapter-express'
import express from 'express'

import { servePage } from './server/page.js'
import { listenNode, readEnv, setupGame } from './server/setup.js'

const { port, hostname, options } = readEnv(process.env)
const setup = await setupGame(options)
const app = express()
app.use((request, response, next) => {
  if (!servePage(setup.page, request, response)) next()
})
const server = createServer(app)
createExpressWebSocketServer(setup.bridge).attach(server)
listenNode('express', server, setup, port, hostname)
