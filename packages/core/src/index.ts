export { defineRoute, assertRoute } from './route.js'
export { createRoute } from './route-builder.js'
export type { RouteBuilder, RouteHandlerStage, BuilderOptions } from './route-builder.js'
export type {
  AnyRoute,
  Routes,
  WsRoute,
  RouteTypes,
  RouteConnection,
  LifecycleHandlers,
  MessageDefinition,
  InvalidMessagePolicy,
  SingleHandlerRoute,
  TypedMessagesRoute,
} from './route.js'
export { createBridge, toBridge, isBridge } from './bridge.js'
export type { Bridge, BridgeOptions, AcceptedUpgrade, RejectedUpgrade, UpgradeDecision, CloseOptions } from './bridge.js'
export type { RouteMatch } from './router.js'
export { upgradeUrl } from './upgrade-url.js'
export { handshakeError, isWebSocketUpgrade } from './handshake.js'
export { refuseRequestTarget, requestTargetError } from './request-target.js'
export { refusalAnswer, refusalHttp, refusalResponse } from './upgrade-response.js'
export type { RefusalAnswer } from './upgrade-response.js'
export { ReadyState } from './connection-types.js'
export type { Connection, SendResult, PublishOptions, BroadcastOptions } from './connection-types.js'
export type { Transport, ConnectionEvents, NativePubSub } from './transport.js'
export * from './pubsub/index.js'
export type { UpgradeRequest, UpgradeContext, AuthHook, AuthRejection, ContextHook } from './upgrade.js'
export { CloseCode, isValidCloseCode } from './close-codes.js'
export { WsError, errorCodes, toErrorFrame } from './errors.js'
export type { WsErrorCode, WsIssue, ErrorFrame, ErrorBlame } from './errors.js'
export type { WsRefusal } from './refusal.js'
export { consoleLogger } from './logging/logger.js'
export type { WsLogger } from './logging/logger.js'
export { defaultLimits } from './limits.js'
export type { Limits, RouteLimits } from './limits.js'
export type { ParamsOf } from './path.js'
export type { AnySchema, InputOf, OutputOf } from './schema.js'
export { tokenAuth, noAuth } from './security/auth-helpers.js'
export type { TokenSource, WsAuthHook } from './security/auth-helpers.js'
export type { AuthFailureMode } from './security/auth-outcome.js'
export { isOriginAllowed } from './security/origin.js'
export { defaultSecurityLimits } from './security/options.js'
export type { SecurityLimits, RateLimitOptions, RateLimitPolicy, BackpressurePolicy, CompressionOptions, OriginRule } from './security/options.js'
export type { ResumeOptions } from './resume.js'
export { PING_FRAME, PONG_FRAME, RESUME_QUERY_PARAM } from './control-frames.js'
export type { StampedFrame, GapFrame, ResumePositions } from './control-frames.js'
