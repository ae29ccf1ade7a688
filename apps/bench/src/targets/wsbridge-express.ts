// wsbridge on Express through adapter-express (layered on adapter-node-ws).
import type { AddressInfo } from 'node:net'
import { createExpressWebSocketServer } from '@wsbridge/adapter-express'
import express from 'express'
import { announce, HOST } from './ready.js'
import { benchOptions, routes } from './wsbridge-routes.js'

const app = express()
const wss = createExpressWebSocketServer(routes, benchOptions)
const server = app.listen(0, HOST, () => announce((server.address() as AddressInfo).port))
wss.attach(server)
