// crossws on Bun. https://crossws.h3.dev/adapters/bun
import crossws from 'crossws/adapters/bun'
import { hooks } from './crossws-hooks.js'
import { announce, HOST } from './ready.js'

const ws = crossws({ hooks })
const server = Bun.serve({
  hostname: HOST,
  port: 0,
  websocket: ws.websocket,
  fetch(req, srv) {
    if (req.headers.get('upgrade') === 'websocket') return ws.handleUpgrade(req, srv)
    return new Response('not found', { status: 404 })
  },
})
announce(server.port ?? 0)
