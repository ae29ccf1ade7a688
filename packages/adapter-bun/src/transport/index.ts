/**
 * `@wsbridge/adapter-bun/transport`: the Bun socket code this package shares with adapters that
 * meet Bun's ServerWebSocket without creating it (adapter-hono on hono/bun): core's transport over
 * a Bun socket, the server's native pub/sub for core's fan-out, the `websocket` handler options,
 * and the mapping of Bun's protocol-error closes. Nothing here imports `bun` or reads the `Bun`
 * global, so the entry can be imported on any runtime.
 */
export { BunPingTransport, BunTransport } from './bun-transport.js'
export type { BunLikeSocket } from './bun-transport.js'
export { BunNativePubSub, bunNativePubSub } from './native-pubsub.js'
export type { BunPublisher } from './native-pubsub.js'
export { bunSocketOptions } from './socket-options.js'
export type { BunSocketOptions } from './socket-options.js'
export { bunCloseError, bunClosed } from './close-error.js'
