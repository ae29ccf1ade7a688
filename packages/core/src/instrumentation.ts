import type { Connection } from './connection-types.js'
import type { WsError } from './errors.js'
import type { Frame, PubSubMessage } from './pubsub/driver.js'
import type { WsRefusal } from './refusal.js'

/**
 * What a bridge tells an observer about its work (`instrumentation` in `createBridge` options):
 * connections, traffic, handler time, errors, backpressure drops, pub/sub and the driver's health.
 * `@wsbridge/otel` turns these calls into OpenTelemetry metrics and spans; any other observer can
 * implement the members it needs. Every member is optional.
 *
 * Without `instrumentation` core makes none of these calls and allocates nothing for them: each
 * site costs one `undefined` check. Hooks run synchronously on the hot path, so they should be cheap;
 * a hook that throws is caught and logged, never thrown into a connection.
 */
export interface BridgeInstrumentation {
  /** An accepted upgrade became an open connection (before its onOpen runs). */
  opened?(connection: Connection): void
  /** An upgrade was refused (the same event as `onRefused`: status, close code, error code, route). */
  refused?(refusal: WsRefusal): void
  /** The connection is gone, with the close code and reason its onClose receives. */
  closed?(connection: Connection, code: number, reason: string): void
  /**
   * A data frame arrived (text or binary, before rate limiting and parsing). Return a scope to be
   * told when the message's handling ends: for messages that reach a handler, once the handler (and
   * its promise) has settled; for the others (rejected, rate-limited, request frames) at once.
   */
  message?(connection: Connection, data: Frame, binary: boolean): MessageScope | undefined
  /** A frame was handed to the runtime for this connection (sends, and each delivery of a publish). */
  sent?(connection: Connection, frame: Frame): void
  /** A frame was dropped because the client is over `backpressureLimit` (policy `'drop'`). */
  dropped?(connection: Connection, frame: Frame): void
  /** Every error `onError` receives, with the same arguments. */
  error?(error: WsError, connection: Connection | undefined): void
  /**
   * A publish (connection.publish, broadcast, bridge.publish) was delivered locally to `deliveries`
   * subscribers and is about to go to the pub/sub driver. `sender` is the publishing connection when
   * it is excluded. Return a trace context (a W3C `traceparent`) to carry with the message to the
   * other instances (`PubSubMessage.trace`), or undefined.
   */
  published?(topics: readonly string[], frame: Frame, sender: Connection | undefined, deliveries: number): string | undefined
  /** A publish from another instance was delivered here, through topic `via`, to `deliveries` subscribers. */
  delivered?(message: PubSubMessage, via: string, deliveries: number): void
  /**
   * A client's request to one of the route's declared `requests` arrived (`name` is a declared
   * name; requests for unknown names are reported through `error` only). `streaming`: its output
   * is `chunks(…)`. Return a scope to be told of its chunks and of its end.
   */
  request?(connection: Connection, name: string, streaming: boolean): RequestScope | undefined
  /** The pub/sub driver (named `driver`) lost (`'down'`) or regained (`'up'`) its backend. */
  driverState?(driver: string, state: 'up' | 'down'): void
}

/** The end of one incoming message's handling (see `BridgeInstrumentation.message`). */
export interface MessageScope {
  /** The handler is about to run (the message waited behind the connection's earlier ones until now). */
  started?(): void
  /**
   * `type`: the `type` field a typed route dispatched on, else undefined. `error`: what the handler
   * threw or rejected with, else undefined (invalid messages are reported through `error`).
   */
  end(type: string | undefined, error: WsError | undefined): void
}

/**
 * How a request ended: `ok` (a reply), `error` (an error reply: `error` says which), `cancelled`
 * (the handler gave up because its signal aborted: the asker cancelled or the connection closed),
 * `replayed` (a resend answered from the dedupe window, its handler not run again).
 */
export type RequestOutcome = 'ok' | 'error' | 'cancelled' | 'replayed'

/** The life of one request (see `BridgeInstrumentation.request`). */
export interface RequestScope {
  /** A streaming reply sent one more chunk. */
  chunk?(): void
  /** The request ended; `error` is the error reply's (or, cancelled, the signal's reason). */
  end(outcome: RequestOutcome, error: WsError | undefined): void
}

/**
 * The message whose dispatch is running synchronously right now, while a bridge with
 * instrumentation dispatches one: the typed dispatcher records the `type` it routed on here.
 * Undefined otherwise, so uninstrumented dispatch pays one load and compare.
 */
export const dispatching: { job: { type: string | undefined } | undefined } = { job: undefined }
