/**
 * `@wsbridge/adapter-deno/transport`: the Deno socket code this package shares with adapters that
 * meet Deno's server WebSocket without calling `Deno.upgradeWebSocket` themselves (adapter-hono on
 * hono/deno): core's transport over the socket, its events in core's words, and the idle timeout
 * that stands in for core's heartbeat. Nothing here reads the `Deno` global as it loads, so the
 * entry can be imported on any runtime.
 */
export { DenoConnection, wireDenoSocket } from './socket-events.js'
export { DenoTransport } from './deno-transport.js'
export { denoIdleTimeout } from './heartbeat.js'
export { isDenoSocket } from './deno-types.js'
export type { DenoSocket } from './deno-types.js'
