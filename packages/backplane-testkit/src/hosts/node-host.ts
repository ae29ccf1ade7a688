// One chaos instance on Node, as its own process so a test can kill -9 it: `node <bundle> <node-ws|express> <factory arguments…>`,
// where the bundle joins this host with a package's options factory (see bundleInstance).
// Prints `port <n>` once listening and connected; closes gracefully (1001) on SIGTERM.
import { createExpressWebSocketServer } from '@wsbridge/adapter-express'
import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import express from 'express'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { feedRoutes } from '../feed-routes.js'
import { type InstanceFactory, stderrLogger } from '../instance-setup.js'

/** Serves the feed with the setup `factory` makes from the command line, on the host it names. */
export async function serveNodeInstance(factory: InstanceFactory): Promise<void> {
  const [kind, ...args] = process.argv.slice(2)
  const setup = factory(...args)
  const options = { ...setup.options, logger: stderrLogger }
  let server: Server
  let close: () => Promise<void>
  if (kind === 'express') {
    const wss = createExpressWebSocketServer(feedRoutes, options)
    server = wss.attach(express().listen(0, '127.0.0.1'))
    close = () => wss.close()
  } else {
    server = createServer((_request, response) => response.writeHead(404).end())
    const wss = createNodeWebSocketServer(feedRoutes, options)
    wss.attach(server)
    server.listen(0, '127.0.0.1')
    close = () => wss.close()
  }
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve))
  await setup.ready()
  console.log(`port ${(server.address() as AddressInfo).port}`)
  process.on('SIGTERM', () => void close().then(() => process.exit(0)))
}
