// wsbridge on Deno through adapter-deno, its fetch handed to Deno.serve as the adapter's docs show.
import { createDenoWebSocket } from '@wsbridge/adapter-deno'
import { Deno } from './deno-api.js'
import { announce, HOST } from './ready.js'
import { benchOptions, routes } from './wsbridge-routes.js'

const { fetch } = createDenoWebSocket(routes, benchOptions)
Deno.serve({ hostname: HOST, port: 0, onListen: ({ port }) => announce(port) }, fetch)
