export { createDurableObjectWebSocket } from './durable-object.js'
export { forwardableRequest } from './forward.js'
export type { DurableObjectWebSocket, DurableObjectWebSocketOptions } from './durable-object.js'
export type {
  CloudflareWebSocket,
  CloudflareWebSocketPair,
  DurableObjectStateLike,
  WebSocketAutoResponse,
} from './cloudflare-types.js'
