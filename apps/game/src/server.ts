// `npm start` (or `npm run start:node-ws`) in apps/game: Node's `ws` on node:http.
import type { AddressInfo } from 'node:net'
import { failStartup } from '@wsbridge/app-kit/startup-failure'
import { startGameServer } from './app.js'
import { announce, readEnv } from './server/setup.js'

const { port, hostname, options } = readEnv(process.env)
const server = await startGameServer(port, hostname, options).catch((error: unknown) => failStartup('game', error, { port, hostname }))
announce('node-ws', hostname, (server.http.address() as AddressInfo).port)
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close().then(() => process.exit(0)))
