// A cluster-bench instance on Node: adapter-node-ws, or adapter-express with CLUSTER_ADAPTER=express.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createExpressWebSocketServer } from '@wsbridge/adapter-express'
import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import express from 'express'
import { announce, HOST } from '../targets/ready.js'
import { clusterOptions, clusterRoutes } from './instance-options.js'

const options = clusterOptions()
if (process.env['CLUSTER_ADAPTER'] === 'express') {
  const server = express().listen(0, HOST, () => announce((server.address() as AddressInfo).port))
  createExpressWebSocketServer(clusterRoutes, options).attach(server)
} else {
  const server = createServer((_req, res) => res.writeHead(404).end())
  createNodeWebSocketServer(clusterRoutes, options).attach(server)
  server.listen(0, HOST, () => announce((server.address() as AddressInfo).port))
}
