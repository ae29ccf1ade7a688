/**
 * `@wsbridge/core`: what an app author writes against (routes, the bridge, connections, errors,
 * limits, auth, pub/sub). What an adapter needs is `@wsbridge/core/adapter`; the wire protocol's
 * own constants are internal to core and its client.
 */
export { defineRoute } from './route.js'
export { chunks } from './chunks-schema.js'
export type { ChunksSchema } from './chunks-schema.js'
export { createRoute } from './route-builder.js'
export type { RouteBuilder, RouteHandlerStage, BuilderOptions } from './route-builder.js'
export type { TextRouteBuilder, TextRouteHandlerStage } from './text-route-builder.js'
export type {
  AnyRoute,
  Routes,
  WsRoute,
  RouteTypes,
  RouteConnection,
  LifecycleHandlers,
  MessageDefinition,
  MessageDefinitions,
  InvalidMessagePolicy,
  SingleHandlerRoute,
  TypedMessagesRoute,
} from './route.js'
export type { RouteFormat, TextFrames, TextRoute } from './text-route.js'
export { routeManifest } from './route-manifest.js'
export type { RouteManifest, RouteManifestEntry } from './route-manifest.js'
export { createBridge } from './bridge.js'
export type { Bridge, BridgeOptions, CloseOptions } from './bridge.js'
export type { BridgePublishOptions, DisconnectUserOptions } from './bridge-types.js'
export type { UserKey } from './user-index.js'
export type { BridgeInstrumentation, MessageScope, RequestScope, RequestOutcome } from './instrumentation.js'
export { createMemoryRequestDedupe } from './request-dedupe.js'
export type { MemoryRequestDedupeOptions } from './request-dedupe.js'
export type { RequestDedupeStore, DedupedRequest, DedupeClaim } from './request-dedupe-store.js'
export { ReadyState } from './connection-types.js'
export type { Connection, SendResult, PublishOptions, BroadcastOptions } from './connection-types.js'
export type {
  ClusterPresence,
  Frame,
  PubSubDriver,
  PubSubMessage,
  PubSubSink,
  PresenceEvent,
  PresenceListener,
  PresenceMember,
  MemoryPubSubBus,
} from './pubsub/index.js'
export { createMemoryPubSubBus, roomTopic, routeTopic, CONTROL_TOPIC } from './pubsub/index.js'
export type {
  HistoryAppendOptions,
  HistoryDriver,
  HistoryEntry,
  HistoryPosition,
  HistoryRead,
  HistoryRetention,
  MemoryHistoryOptions,
  DurableOptions,
} from './history/index.js'
export { createMemoryHistory } from './history/index.js'
export type { UpgradeRequest, UpgradeContext, AuthHook, AuthRejection, AuthSuccess, ContextHook } from './upgrade.js'
export { CloseCode, isValidCloseCode } from './close-codes.js'
export { WsError, errorCodes, toErrorFrame } from './errors.js'
export type { WsErrorCode, WsIssue, ErrorFrame, ErrorBlame, ErrorCodeEntry } from './errors.js'
export type { WsRefusal } from './refusal.js'
export { consoleLogger } from './logging/logger.js'
export type { WsLogger } from './logging/logger.js'
export { defaultLimits } from './limits.js'
export type { Limits, RouteLimits } from './limits.js'
export type { ParamsOf } from './path.js'
export type { AnySchema, InputOf, OutputOf, ValibotSchema } from './schema.js'
export type { StandardSchemaV1 } from './standard-schema.js'
export { tokenAuth, noAuth } from './security/auth-helpers.js'
export type { TokenSource, WsAuthHook } from './security/auth-helpers.js'
export type { AuthFailureMode } from './security/auth-outcome.js'
export { isOriginAllowed } from './security/origin.js'
export { defaultSecurityLimits } from './security/options.js'
export type {
  SecurityLimits,
  RateLimitOptions,
  RateLimitPolicy,
  BackpressurePolicy,
  CompressionOptions,
  OriginRule,
} from './security/options.js'
export type { ResumeOptions } from './resume.js'
export type {
  RequestContext,
  RequestOptions,
  RequestSchemas,
  RequestDefinitions,
  AnyRequestDefinition,
  RequestInputOf,
  RequestReplyOf,
  RequestReplyInputOf,
  RequestTypesOf,
  HandlerResult,
  StreamOf,
  PairRequests,
  AnyRequests,
  AnyClientRequests,
} from './requests-types.js'
export type { RequestsOnlyRoute, RouteRequestOptions, NamedSchemas } from './route-requests.js'
