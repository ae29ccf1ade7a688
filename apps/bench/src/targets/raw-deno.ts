// Baseline for the Deno adapter: a plain Deno.serve + Deno.upgradeWebSocket server, written the way
// Deno's docs do it. Deno has no native pub/sub, so fan-out loops over a set, as raw-ws does.
// https://docs.deno.com/runtime/fundamentals/http_server/#serving-websockets
import { Deno, type DenoSocket } from './deno-api.js'
import { announce, HOST, reencode } from './ready.js'

const subscribers = new Set<DenoSocket>()

Deno.serve({ hostname: HOST, port: 0, onListen: ({ port }) => announce(port) }, (request) => {
  if (request.headers.get('upgrade') !== 'websocket') return new Response('not found', { status: 404 })
  const { socket, response } = Deno.upgradeWebSocket(request)
  if (new URL(request.url).pathname === '/fan') {
    subscribers.add(socket)
    socket.addEventListener('close', () => subscribers.delete(socket))
    socket.addEventListener('message', ({ data }) => {
      // Serialize once, send the same text to every other open subscriber.
      const frame = reencode(String(data))
      for (const peer of subscribers) if (peer !== socket && peer.readyState === 1) peer.send(frame)
    })
  } else {
    socket.addEventListener('message', ({ data }) => socket.send(reencode(String(data))))
  }
  return response
})
