/**
 * `@wsbridge/core/sockets`: what adapters over the same runtime socket share (`ws`'s WebSocket,
 * Bun's ServerWebSocket), so each adapter only translates its framework's events. Duck-typed: core
 * imports neither `ws` nor `bun`.
 */
export { createWsTransports } from './ws-socket.js'
export { createWsPreFraming } from './ws-pre-framing.js'
export type { TextBuffers } from './ws-pre-framing.js'
export type { WsLikeSocket, WsPingTransport, WsPreFraming, WsTransport, WsTransports } from './ws-socket.js'
export { createWsEventWiring } from './ws-events.js'
export type { WsEventSource } from './ws-events.js'
export { wsBytes, wsBytesCopy, wsErrorToCore, wsText } from './ws-data.js'
export type { WsData } from './ws-data.js'
export { BunPingTransport, BunTransport, bunClosed } from './bun-socket.js'
export type { BunLikeSocket } from './bun-socket.js'
export { bunSocketOptions, wsServerOptions } from './runtime-options.js'
export type { BunSocketOptions, WsServerOptions } from './runtime-options.js'
