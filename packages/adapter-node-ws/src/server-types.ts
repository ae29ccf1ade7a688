import type { EventEmitter } from 'node:events'
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Bridge, BridgeOptions, Routes } from '@wsbridge/core'
import type { WebSocket, WebSocketServer } from 'ws'

/**
 * Options of `createNodeWebSocketServer`: the bridge's own options (limits, security, pub/sub, logger);
 * the `ws` server's settings are derived from them.
 */
export type NodeWebSocketServerOptions = BridgeOptions

/**
 * The callback `handleUpgrade` takes, as in `ws`: called with the accepted socket and its request
 * instead of emitting `'connection'`. The bridge has already wired the socket; use it to observe.
 */
export type UpgradeCallback = (ws: WebSocket, request: IncomingMessage) => void

/**
 * A wsbridge server on `ws`. It is an EventEmitter: `'connection'` `(ws, request)` is emitted once
 * per accepted socket unless `handleUpgrade` was given a callback (which then gets the socket
 * instead; the tutorial's `ws => wss.emit('connection', ws, req)` callback is therefore harmless).
 */
export interface NodeWebSocketServer<R extends Routes = Routes> extends EventEmitter {
  /** The core bridge behind the adapter: `publish`, `connections`, presence and graceful `close`. */
  readonly bridge: Bridge<R>
  /** The underlying `ws` server (noServer mode), for escape hatches. */
  readonly wss: WebSocketServer
  /** Upgrades `request` if it matches a route (after origin/auth checks); 404s it otherwise. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, callback?: UpgradeCallback): void
  /**
   * Listens to `server`'s `'upgrade'` event. Requests for no route are left to the server's other
   * `'upgrade'` listeners when it has any, and answered 404 otherwise.
   */
  attach<S extends Server>(server: S): S
  /** Closes every connection with 1001 (waiting for them, see `bridge.close`), then the ws server. */
  close(): Promise<void>
}
