import type { Bridge, Routes } from '@wsbridge/core'
import { createNodeWebSocketServer, type NodeWebSocketServer, type NodeWebSocketServerOptions } from '@wsbridge/adapter-node-ws'

/**
 * Options of `createExpressWebSocketServer`: the same as the `ws` adapter's (the bridge's options).
 */
export type ExpressWebSocketServerOptions = NodeWebSocketServerOptions
/**
 * What `createExpressWebSocketServer` returns: the `ws` adapter's server (`attach`, `handleUpgrade`,
 * `bridge`, `close`) under an Express name.
 */
export type ExpressWebSocketServer<R extends Routes = Routes> = NodeWebSocketServer<R>

/**
 * Creates a wsbridge server for an Express app. Express does not see WebSocket upgrades: they arrive
 * on the `http.Server` that `app.listen()` returns, so this is the `ws` adapter under an Express
 * name, and Express keeps every plain HTTP request (its own routes work on the same port).
 *
 * Both mounting forms work:
 * - `wss.attach(app.listen(3000))`
 * - the tutorial's `server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)))`:
 *   `handleUpgrade` wires the socket itself, and `wss` is an EventEmitter, so the `emit` only
 *   notifies your own `'connection'` listeners.
 * @see https://expressjs.com/en/5x/api.html#app.listen
 * @see https://github.com/websockets/ws/blob/master/doc/ws.md#websockethandleupgraderequest-socket-head-callback
 */
export function createExpressWebSocketServer<const R extends Routes>(
  routesOrBridge: R | Bridge<R>,
  options?: ExpressWebSocketServerOptions,
): ExpressWebSocketServer<R> {
  return createNodeWebSocketServer(routesOrBridge, options)
}
