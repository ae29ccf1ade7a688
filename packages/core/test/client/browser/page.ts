// Runs in Chromium. Uses the type-only form, so the bundle holds the client and nothing of the server.
import { setupBridge, type ConnectionState } from '../../../src/client/index.js'
import type { clientTestRoutes } from '../routes.js'

const { $ws } = setupBridge<typeof clientTestRoutes>({
  baseUrl: '/api',
  paths: { room: '/rooms/:roomId/:tab?' },
  reconnect: { initialDelay: 50, maxDelay: 200 },
})

const received: unknown[] = []
const states: ConnectionState[] = []
const t = new URLSearchParams(location.search).get('t') ?? 'browser'
const conn = $ws.echo({ t }, { onMessage: (message) => void received.push(message), onStateChange: (state) => void states.push(state) })
const room: unknown[] = []
$ws.room({ roomId: 'lobby' }, { onMessage: (message) => void room.push(message) }).send({ type: 'say', text: 'from the browser' })

Object.assign(globalThis, { wsb: { conn, received, states, room, url: () => conn.socket && (conn.socket as WebSocket).url } })
