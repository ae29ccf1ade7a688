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
export { wsBytes, wsBytesCopy, wsText } from './ws-data.js'
export { bunCloseError, protocolViolations, wsErrorToCore } from './protocol-errors.js'
export type { ProtocolViolation } from './protocol-errors.js'
export type { WsData } from './ws-data.js'
export { BunPingTransport, BunTransport, bunClosed } from './bun-socket.js'
export type { BunLikeSocket } from './bun-socket.js'
export { bunSocketOptions, wsServerOptions } from './runtime-options.js'
export type { BunSocketOptions, WsServerOptions } from './runtime-options.js'
export { addWsCloseReasons, wsWithCloseReasons } from './ws-close-reasons.js'
export type { WsClass, WsClosable } from './ws-close-reasons.js'
export { answerUpgradeSocket } from './upgrade-socket.js'
export type { UpgradeSocket } from './upgrade-socket.js'
export { UpgradeGuard } from './upgrade-guard.js'
export type { UpgradeRequestLike, UpgradeServer } from './upgrade-guard.js'
