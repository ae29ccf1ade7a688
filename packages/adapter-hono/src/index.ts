export { createHonoWebSocket } from './adapter.js'
export type { HonoWebSocket, HonoWebSocketOptions } from './adapter.js'
export type { BunWebSocketFor, BunWebSocketHandler } from './runtime-options.js'
export type { WsServerOptions } from '@wsbridge/adapter-node-ws/transport'
