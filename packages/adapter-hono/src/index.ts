export { createHonoWebSocket } from './adapter.js'
export type { HonoWebSocket, HonoWebSocketOptions } from './adapter.js'
export type { BunWebSocketFor, BunWebSocketOptions, WsServerOptions } from './runtime-options.js'
