// Baseline for the Bun adapters: plain Bun.serve websocket with Bun's native pub/sub.
// https://bun.sh/docs/api/websockets
import { announce, FAN_TOPIC, HOST, reencode } from './ready.js'

const server = Bun.serve<{ fan: boolean }>({
  hostname: HOST,
  port: 0,
  fetch(req, srv) {
    const fan = new URL(req.url).pathname === '/fan'
    if (srv.upgrade(req, { data: { fan } })) return undefined
    return new Response('not found', { status: 404 })
  },
  websocket: {
    open(ws) {
      if (ws.data.fan) ws.subscribe(FAN_TOPIC)
    },
    message(ws, message) {
      const frame = reencode(String(message))
      // ws.publish excludes the sender, the same rule every target follows.
      if (ws.data.fan) ws.publish(FAN_TOPIC, frame)
      else ws.send(frame)
    },
  },
})

announce(server.port ?? 0)
