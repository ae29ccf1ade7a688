// `npm start` in apps/echo: the tutorial's server on http://127.0.0.1:3000 (PORT overrides).
import type { AddressInfo } from 'node:net'
import { startEchoServer } from './app.js'

const server = await startEchoServer(Number(process.env['PORT'] ?? 3000), process.env['LISTEN_HOST'] || '127.0.0.1')
const { address, port } = server.address() as AddressInfo
console.log(`[echo] open http://${address}:${port}/ (WebSocket routes: /api/echo, /api/chat)`)
