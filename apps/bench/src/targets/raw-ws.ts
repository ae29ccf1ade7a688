// Baseline for the Node adapters: a plain `ws` server, written the way the ws README does it.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, WebSocket } from 'ws'
import { announce, HOST, reencode } from './ready.js'

const server = createServer((_req, res) => res.writeHead(404).end())
const wss = new WebSocketServer({ server })
const subscribers = new Set<WebSocket>()

wss.on('connection', (ws, req) => {
  if (req.url === '/fan') {
    subscribers.add(ws)
    ws.on('close', () => subscribers.delete(ws))
    ws.on('message', (data) => {
      // Serialize once, convert to bytes once, send the same buffer to every subscriber.
      const frame = Buffer.from(reencode(data.toString()))
      for (const peer of subscribers) if (peer !== ws && peer.readyState === WebSocket.OPEN) peer.send(frame, { binary: false })
    })
  } else {
    ws.on('message', (data) => ws.send(reencode(data.toString())))
  }
})

server.listen(0, HOST, () => announce((server.address() as AddressInfo).port))
