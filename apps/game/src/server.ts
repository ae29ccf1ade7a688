// `npm start` in apps/game: http://127.0.0.1:3000/ (PORT and LISTEN_HOST override).
import type { AddressInfo } from 'node:net'
import { startGameServer } from './app.js'

const server = await startGameServer(Number(process.env['PORT'] ?? 3000), process.env['LISTEN_HOST'] || '127.0.0.1')
const { address, port } = server.http.address() as AddressInfo
console.log(`[game] open http://${address}:${port}/ in two tabs (WebSocket: /api/ws/game)`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close().then(() => process.exit(0)))
