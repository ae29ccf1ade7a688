// `npm run client` in apps/echo (with the server running): the tutorial's "Using Framework
// Helper" section in Node. Node 20 has no global WebSocket, so the `ws` package is passed in.
import { setupBridge } from '@wsbridge/core/client'
import WebSocket from 'ws'
import { routes } from './routes.js'

const port = process.env['PORT'] ?? '3000'
const { $ws } = setupBridge(routes, { baseUrl: `ws://127.0.0.1:${port}/api`, WebSocket, reconnect: false })

// Connect and handle messages
const connection = $ws.echo(
  {},
  {
    onOpen: () => {
      console.log('Connected!')
      connection.send({ text: 'Hello!' })
    },
    onMessage: (data) => {
      console.log('Received:', data)
      // Close connection once the second echo is back
      if (JSON.stringify(data).includes('Another message')) connection.close()
    },
    onClose: (code, reason) => {
      console.log('Disconnected:', code, reason)
    },
    onError: (error) => {
      console.error('Error:', error)
    },
  },
)

// Send messages (queued until the socket is open)
connection.send({ text: 'Another message' })
