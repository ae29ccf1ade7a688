export { createDurableObjectWebSocket } from './durable-object.js'
export { forwardableRequest } from './forward.js'
export type { DurableObjectWebSocket, DurableObjectWebSocketOptions } from './durable-object.js'
export type {
  CloudflareWebSocket,
  CloudflareWebSocketPair,
  DurableObjectAlarmsLike,
  DurableObjectStateLike,
  WebSocketAutoResponse,
} from './cloudflare-types.js'
