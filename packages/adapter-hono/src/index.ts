export { createHonoWebSocket } from './adapter.js'
export type { HonoWebSocket, HonoWebSocketOptions } from './adapter.js'
