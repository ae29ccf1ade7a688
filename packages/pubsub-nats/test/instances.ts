import { serve, upgradeWebSocket, type ServerType, type WebSocketServerLike } from '@hono/node-server'
import { createExpressWebSocketServer } from '@wsbridge/adapter-express'
import { createHonoWebSocket } from '@wsbridge/adapter-hono'
import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import { roomTopic, type Bridge, type BridgeOptions, type Routes } from '@wsbridge/core'
import express from 'express'
import { Hono } from 'hono'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'

/** One running wsbridge instance: its own server, port and bridge. */
export interface Instance {
  readonly kind: InstanceKind
  readonly port: number
  readonly bridge: Bridge
  url(path: string): string
  close(): Promise<void>
}

export type InstanceKind = 'node-ws' | 'express' | 'hono-node'

const PREFIX = '/ws'

async function listening(server: Server): Promise<number> {
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  return (server.address() as AddressInfo).port
}

function instance(kind: InstanceKind, port: number, bridge: Bridge, stop: () => Promise<void>): Instance {
  return { kind, port, bridge, url: (path) => `ws://127.0.0.1:${port}${PREFIX}${path}`, close: stop }
}

function closeServer(server: Server | ServerType): Promise<void> {
  ;(server as Server).closeAllConnections?.()
  return new Promise((resolve) => server.close(() => resolve()))
}

/** Starts an instance of `kind` on 127.0.0.1 and an ephemeral port, with `options` (the pub/sub driver). */
export async function startInstance(kind: InstanceKind, routes: Routes, options: BridgeOptions): Promise<Instance> {
  const bridgeOptions = { ...options, prefix: PREFIX }
  if (kind === 'node-ws') {
    const server = createServer((_request, response) => response.writeHead(404).end())
    const wss = createNodeWebSocketServer(routes, bridgeOptions)
    wss.attach(server)
    server.listen(0, '127.0.0.1')
    const port = await listening(server)
    return instance(kind, port, wss.bridge, async () => {
      await wss.close()
      await closeServer(server)
    })
  }
  if (kind === 'express') {
    const app = express()
    const wss = createExpressWebSocketServer(routes, bridgeOptions)
    // An HTTP route that notifies sockets: bridge.publish from outside any handler.
    app.post('/notify/:room', express.json(), (request, response) => {
      const delivered = wss.bridge.publish(roomTopic('chat', request.params['room'] ?? ''), request.body)
      response.json({ delivered })
    })
    const server = wss.attach(app.listen(0, '127.0.0.1'))
    const port = await listening(server)
    return instance(kind, port, wss.bridge, async () => {
      await wss.close()
      await closeServer(server)
    })
  }
  const app = new Hono()
  const { middleware, bridge } = createHonoWebSocket(routes, { ...bridgeOptions, upgradeWebSocket })
  app.get(`${PREFIX}/*`, middleware)
  // @types/ws types `noServer` as `boolean | undefined`; node-server wants `noServer?: boolean`. Same object.
  const websocket = { server: new WebSocketServer({ noServer: true }) as WebSocketServerLike }
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', websocket }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    )
  })
  return instance(kind, port, bridge, async () => {
    await bridge.close({ timeout: 1000 })
    await closeServer(server)
  })
}
