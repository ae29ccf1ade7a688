export { createBunWebSocket } from './adapter.js'
export type { BunSocketData, BunServer, BunWebSocket, BunWebSocketOptions } from './adapter.js'
