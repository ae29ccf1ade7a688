// `npm start` (or `npm run start:express`) in apps/echo: the tutorial's Express server on
// http://127.0.0.1:3000 (PORT overrides).
import type { AddressInfo } from 'node:net'
import { failStartup } from '@wsbridge/app-kit/startup-failure'
import { startEchoServer } from './app.js'
import { announce, readEnv } from './server/setup.js'

const { port, hostname } = readEnv(process.env)
const server = await startEchoServer(port, hostname).catch((error: unknown) => failStartup('echo', error, { port, hostname }))
announce('express', hostname, (server.address() as AddressInfo).port)
