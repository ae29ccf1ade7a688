/**
 * `@wsbridge/adapter-node-ws/transport`: the `ws` socket code this package shares with adapters that
 * meet `ws` sockets without creating them (adapter-hono on Node): core's transport over a ws
 * socket, its events, pre-framing, error and close-reason mapping, the server options, and the
 * guard for a Node server's upgrade sockets. Nothing here imports `ws` or `node:*`, and nothing
 * reads `Buffer` when it loads, so the entry can be imported on any runtime.
 */
export { createWsTransports, utf8Buffer } from './ws-transport.js'
export type { WsLikeSocket, WsPingTransport, WsTransport, WsTransports } from './ws-transport.js'
export { createWsPreFraming, isWsFramer } from './ws-pre-framing.js'
export type { WsFramer, WsPreFraming } from './ws-pre-framing.js'
export { createWsEventWiring } from './ws-events.js'
export type { WsEventSource } from './ws-events.js'
export { wsBytes, wsBytesCopy, wsText } from './ws-data.js'
export type { WsData } from './ws-data.js'
export { wsErrorToCore } from './ws-errors.js'
export { wsServerOptions } from './server-options.js'
export type { WsServerOptions } from './server-options.js'
export { addWsCloseReasons, wsWithCloseReasons } from './ws-close-reasons.js'
export type { WsClass, WsClosable } from './ws-close-reasons.js'
export { adoptWsSocket, isWsSocket } from './adopted-socket.js'
export type { AdoptedWsSocket } from './adopted-socket.js'
export { answerUpgradeSocket } from './upgrade-socket.js'
export type { UpgradeSocket } from './upgrade-socket.js'
export { UpgradeGuard } from './upgrade-guard.js'
export type { UpgradeRequestLike, UpgradeServer } from './upgrade-guard.js'
