import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { WebSocketServer } from 'ws'
import { createBridge, type Bridge, type BridgeOptions, type Routes } from '../../src/index.js'

/**
 * A real server for client tests: node:http + `ws` driving a core bridge directly (core cannot
 * depend on adapter-node-ws, which depends on core). `restart()` drops every socket without a close
 * frame, as a crashed or redeployed process would, and listens again on the same port.
 */
export interface WsTestHost {
  readonly port: number
  readonly wsUrl: string
  readonly httpUrl: string
  readonly bridge: Bridge
  /** Serves a static file map for browser tests: path → [content type, body]. */
  files: Map<string, [string, string]>
  restart(options?: { downFor?: number }): Promise<void>
  close(): Promise<void>
}

export async function startWsHost(routes: Routes, options: BridgeOptions = {}): Promise<WsTestHost> {
  let port = 0
  let bridge: Bridge
  let server: Server
  const files = new Map<string, [string, string]>()
  const sockets = new Set<Socket>()

  async function listen(): Promise<void> {
    bridge = createBridge(routes, options)
    const wss = new WebSocketServer({ noServer: true })
    server = createServer((request, response) => {
      const file = files.get(request.url ?? '')
      if (file) response.writeHead(200, { 'content-type': file[0] }).end(file[1])
      else response.writeHead(404).end('not found')
    })
    server.on('connection', (socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    server.on('upgrade', (request, socket, head) => {
      const match = bridge.match(request.url ?? '/')
      if (!match) return void socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
      void Promise.resolve(
        bridge.authorize({ url: request.url ?? '/', headers: request.headers, ip: request.socket.remoteAddress }, match),
      ).then((decision) => {
        if (!decision.ok) return void socket.end(`HTTP/1.1 ${decision.status} Refused\r\nConnection: close\r\n\r\n`)
        wss.handleUpgrade(request, socket, head, (ws) => {
          const events = bridge.open(decision, {
            send: (data) => ws.send(data),
            close: (code, reason) => ws.close(code, reason),
            terminate: () => ws.terminate(),
            get bufferedAmount() {
              return ws.bufferedAmount
            },
            raw: ws,
          })
          ws.on('message', (data, isBinary) => events.message(isBinary ? new Uint8Array(data as Buffer) : String(data), isBinary))
          ws.on('close', (code, reason) => events.closed(code, reason.toString()))
          ws.on('error', (error) => events.error(error))
        })
      })
    })
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  }

  async function stop(): Promise<void> {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  await listen()
  return {
    get port() {
      return port
    },
    get wsUrl() {
      return `ws://127.0.0.1:${port}`
    },
    get httpUrl() {
      return `http://127.0.0.1:${port}`
    },
    get bridge() {
      return bridge
    },
    files,
    async restart({ downFor = 0 } = {}) {
      await stop()
      if (downFor > 0) await new Promise((resolve) => setTimeout(resolve, downFor))
      await listen()
    },
    close: stop,
  }
}
