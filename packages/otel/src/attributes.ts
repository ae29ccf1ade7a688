/**
 * Every metric, span and attribute name `@wsbridge/otel` records (docs/observability.md has the
 * table). OpenTelemetry semantic-convention names are used where one exists (`error.type`,
 * `http.response.status_code`, `network.io.direction`, `messaging.*`); what is WebSocket- or
 * wsbridge-specific is under `wsbridge.*`.
 */
export const metricNames = {
  /** UpDownCounter `{connection}`: open connections, by route. */
  openConnections: 'wsbridge.connections.open',
  /** Counter `{upgrade}`: upgrades by outcome (accepted, refused) and, refused, status and error code. */
  upgrades: 'wsbridge.upgrades',
  /** Counter `{message}`: data frames by route, direction and (incoming, typed routes) message type. */
  messages: 'wsbridge.messages',
  /** Counter `By`: UTF-8 bytes of those frames (binary: their length), same attributes. */
  messageBytes: 'wsbridge.message.bytes',
  /** Histogram `s`: how long a message's handler ran (validation included, queueing not). */
  handlerDuration: 'wsbridge.handler.duration',
  /** Histogram `s`: how long a client's request took, arrival to reply (or stream end), by route, name and outcome. */
  requestDuration: 'wsbridge.request.duration',
  /** Counter `{error}`: errors reported to onError, by code and route. */
  errors: 'wsbridge.errors',
  /** Counter `{frame}`: frames dropped for a client over the backpressure limit, by route. */
  drops: 'wsbridge.backpressure.drops',
  /** Counter `{message}`: publishes (connection.publish, broadcast, bridge.publish). */
  publishes: 'wsbridge.pubsub.publishes',
  /** Counter `{delivery}`: publish deliveries to local subscribers, by origin (local, remote). */
  deliveries: 'wsbridge.pubsub.deliveries',
  /** Gauge `1`: 1 while the pub/sub driver's backend is reachable, 0 while it is down, by driver. */
  driverUp: 'wsbridge.pubsub.driver.up',
} as const

/** Every attribute name on its metrics and spans; see the table in docs/observability.md. */
export const attributeNames = {
  /** The route's key in the routes object (bounded: the app's own routes). */
  route: 'wsbridge.route',
  /** The `type` a typed route dispatched on; only declared types, never what a client invents. */
  messageType: 'wsbridge.message.type',
  /** `receive` (client to server) or `transmit` (server to client): OTel's network.io.direction. */
  direction: 'network.io.direction',
  /** `accepted` or `refused`. */
  upgradeOutcome: 'wsbridge.upgrade.outcome',
  /** HTTP status a refused upgrade was answered with (101 accepted). */
  httpStatus: 'http.response.status_code',
  /** The close code a connection ended with (spans). */
  closeCode: 'wsbridge.close.code',
  /** A wsbridge error code (`VALIDATION_FAILED`, `RATE_LIMITED`, …): OTel's error.type. */
  errorType: 'error.type',
  /** `local` (published on this instance) or `remote` (arrived through the pub/sub driver). */
  deliveryOrigin: 'wsbridge.delivery.origin',
  /** The pub/sub driver's name (`redis`). */
  driver: 'wsbridge.pubsub.driver',
  /** The topic of a publish or delivery (spans only: topics are unbounded). */
  destination: 'messaging.destination.name',
  /** Always `wsbridge` on publish and delivery spans. */
  messagingSystem: 'messaging.system',
  /** `send` (publish) or `process` (delivery, message handling). */
  messagingOperation: 'messaging.operation.type',
  /** Subscribers a publish or delivery reached on this instance (spans). */
  deliveryCount: 'wsbridge.deliveries',
  /** Size of a handled message in bytes (spans). */
  messageBodySize: 'messaging.message.body.size',
  /** The connection's id (spans only: unbounded). */
  connectionId: 'wsbridge.connection.id',
  /** A request's declared name (`requests` entry); names a client invents are never recorded. */
  requestName: 'wsbridge.request.name',
  /** How a request ended: `ok`, `error`, `cancelled` or `replayed` (a resend answered from the dedupe window). */
  requestOutcome: 'wsbridge.request.outcome',
  /** `true` for a streaming request (`output: chunks(…)`) (spans). */
  requestStreaming: 'wsbridge.request.streaming',
  /** Chunks a streaming reply sent (spans). */
  requestChunks: 'wsbridge.request.chunks',
  /** Always `websocket` on upgrade and message spans. */
  protocol: 'network.protocol.name',
} as const

/** Span names: `<operation> <route>` for connection work, `<operation>` for pub/sub (topics are unbounded). */
export const spanNames = {
  /** An upgrade, accepted or refused: `wsbridge.upgrade <route>`. */
  upgrade: 'wsbridge.upgrade',
  /** One handled message: `wsbridge.message <route>`, then `<type>` on a typed route. */
  message: 'wsbridge.message',
  /** `wsbridge.request <route> <name>`: one request from arrival to its reply. */
  request: 'wsbridge.request',
  /** A publish to a topic (from a handler or `bridge.publish`). */
  publish: 'wsbridge.publish',
  /** A message arriving from the backplane and delivered to this instance's subscribers. */
  deliver: 'wsbridge.deliver',
} as const
