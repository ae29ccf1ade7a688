// socket.io restricted to the websocket transport. Namespaces stand in for the paths other targets use.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { announce, FAN_TOPIC, HOST } from './ready.js'

const server = createServer()
const io = new Server(server, { transports: ['websocket'], serveClient: false, perMessageDeflate: false })

// socket.io's parser already parsed the JSON; sending it back serializes it again, as other targets do.
io.of('/echo').on('connection', (socket) => socket.on('message', (message: unknown) => socket.send(message)))
// Request/response: the ack callback is socket.io's reply (what `emitWithAck` awaits).
io.of('/req').on('connection', (socket) => socket.on('req', (probe: unknown, ack: (reply: unknown) => void) => ack(probe)))
io.of('/fan').on('connection', (socket) => {
  void socket.join(FAN_TOPIC)
  // socket.to() excludes the sender; the adapter encodes the packet once for the whole room.
  socket.on('message', (message: unknown) => socket.to(FAN_TOPIC).emit('message', message))
})

server.listen(0, HOST, () => announce((server.address() as AddressInfo).port))
