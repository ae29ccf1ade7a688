/**
 * `@wsbridge/core/adapter`: what an adapter author needs to put wsbridge on a runtime. An adapter
 * turns a runtime's upgrade into a decision (`bridge.match`, `refuseRequestTarget`,
 * `handshakeError`, `bridge.authorize`), answers a refusal the same way every host does, hands
 * core a `Transport` and forwards the socket's events to the returned `ConnectionEvents`. A
 * backplane driver author (pub/sub, history) finds the shared wire envelope and outage reporting
 * here too. App authors never need this entry; see docs/adapters/writing-an-adapter.md.
 */
export { toBridge, isBridge } from '../to-bridge.js'
export type { AcceptedUpgrade, RejectedUpgrade, UpgradeDecision } from '../bridge-types.js'
export type { RouteMatch } from '../router.js'
export type { Transport, ConnectionEvents, NativePubSub } from '../transport.js'
export { upgradeUrl } from '../upgrade-url.js'
export { handshakeError, isWebSocketUpgrade } from '../handshake.js'
export { refuseRequestTarget, requestTargetError } from '../request-target.js'
export { refusalAnswer, refusalHttp, refusalResponse } from '../upgrade-response.js'
export type { RefusalAnswer } from '../upgrade-response.js'
export { protocolViolations } from '../protocol-violations.js'
export type { ProtocolViolation } from '../protocol-violations.js'
export { SocketEvents, connectionSnapshot } from '../connection-events.js'
export type { ConnectionSnapshot } from '../connection-snapshot.js'
export { externalSweeps } from '../sweep-control.js'
export type { SweepControl } from '../sweep-control.js'
export { encodeEnvelope, decodeEnvelope } from '../pubsub/envelope.js'
export type { Envelope } from '../pubsub/envelope.js'
export { BackplaneHealth } from '../pubsub/backplane-health.js'
export type { BackplaneHealthOptions } from '../pubsub/backplane-health.js'
