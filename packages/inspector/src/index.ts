/**
 * `@wsbridge/inspector`: a live inspector for wsbridge apps in development. Connections, topics
 * with presence, a filterable message log, send forms generated from the routes' JSON Schemas, and
 * recorded sessions exported as tests for `@wsbridge/core/testing`. See docs/observability.md.
 */
export { createInspector, INSPECTOR_ROUTE } from './inspector.js'
export type { Inspector, InspectorOptions } from './inspector.js'
export type { InspectorRoute } from './inspector-route.js'
export type { NodeRequestLike, NodeResponseLike } from './page-serving.js'
export { isLoopback, tokensMatch, admits } from './access.js'
export { toSessionTest } from './session-test.js'
export type { SessionTestOptions } from './session-test.js'
export type { ConnectionView, InspectorSnapshot, TopicView } from './snapshot.js'
export type { LogEntry, LogKind } from './log-entry.js'
export { combineInstrumentation } from './combine.js'
