/**
 * `@wsbridge/core/client`: the typed, reconnecting browser/Node/Bun client. Browser-safe: no
 * `node:*`, no runtime, and no valibot at runtime (route types travel as types only).
 */
export { setupBridge, type SetupBridgeResult } from './setup.js'
export { backoffDelay, type BackoffOptions } from './backoff.js'
export { NO_RECONNECT_CODES } from './policy.js'
export type { QueueOptions, QueuedFrame } from './send-queue.js'
export type { HeartbeatOptions } from './heartbeat.js'
export type { RefreshTokenSource } from './token-refresh.js'
export type { RestoreContext, RestoreHook } from './restore.js'
export type { WebSocketConstructor, WebSocketLike } from './socket.js'
export type {
  BridgeClient,
  BridgeClientOptions,
  ClientConnection,
  ClientManifest,
  ClientMessageOf,
  ClientOptions,
  ClientRequestHandlers,
  ClientRequestsOf,
  ClientRoute,
  CloseInfo,
  ConnectionHandlers,
  ConnectionState,
  ConnectOptions,
  ManifestFor,
  OpenInfo,
  ParamsAndQuery,
  RequestsOf,
  ReplyStream,
  StreamNames,
  RouteConnectOptions,
  QueryInput,
  ResumeGap,
  RouteConnector,
  RoutePathOf,
  SendStatus,
  ServerMessageOf,
  TypeOnlyOptions,
} from './types.js'
export type { RequestContext, RequestOptions } from '../requests-types.js'
export { WsError } from '../errors.js'
export type { ErrorFrame, WsErrorCode } from '../errors.js'
