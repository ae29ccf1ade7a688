// crossws on Node (its adapter wraps ws). https://crossws.h3.dev/adapters/node
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import crossws from 'crossws/adapters/node'
import { hooks } from './crossws-hooks.js'
import { announce, HOST } from './ready.js'

const ws = crossws({ hooks })
const server = createServer((_req, res) => res.writeHead(404).end())
server.on('upgrade', (req, socket, head) => void ws.handleUpgrade(req, socket, head))
server.listen(0, HOST, () => announce((server.address() as AddressInfo).port))
