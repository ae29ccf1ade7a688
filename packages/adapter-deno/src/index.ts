export { createDenoWebSocket } from './adapter.js'
export type { DenoWebSocket, DenoWebSocketOptions } from './adapter.js'
export type { DenoServeInfo, DenoSocket } from './transport/deno-types.js'
