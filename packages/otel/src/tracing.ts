import {
  context,
  type Context,
  type Link,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api'
import type { Connection, PubSubMessage, RequestOutcome, WsError, WsRefusal } from '@wsbridge/core'
import { attributeNames as a, spanNames } from './attributes.js'
import { formatTraceparent, parseTraceparent, traceparentInMessage } from './traceparent.js'

/** What the tracer keeps per open connection. */
export interface TracedConnection {
  /** The upgrade span: every message span links to it (one trace per connection would never end). */
  upgrade: SpanContext | undefined
  /** The span of the message whose handler is running (one at a time per connection): a publish's parent. */
  active: Span | undefined
}

const WEBSOCKET = 'websocket'

/** The spans of one instrumented bridge: upgrade, message handling, publish, and remote delivery. */
export class BridgeTracing {
  readonly #tracer: Tracer

  constructor(tracer: Tracer) {
    this.#tracer = tracer
  }

  /**
   * The upgrade span, child of the client's trace context when the upgrade carried one: a
   * `traceparent` header, or a `traceparent` query parameter (browsers cannot set WebSocket headers).
   */
  opened(connection: Connection): TracedConnection {
    const remote = parseTraceparent(connection.headers['traceparent']) ?? parseTraceparent(connection.query['traceparent'])
    const span = this.#tracer.startSpan(
      `${spanNames.upgrade} ${connection.route}`,
      {
        kind: SpanKind.SERVER,
        attributes: { [a.route]: connection.route, [a.connectionId]: connection.id, [a.protocol]: WEBSOCKET, [a.httpStatus]: 101 },
      },
      parentContext(remote),
    )
    const upgrade = span.spanContext()
    span.end()
    return { upgrade: formatTraceparent(upgrade) === undefined ? undefined : upgrade, active: undefined }
  }

  refused(refusal: WsRefusal): void {
    const span = this.#tracer.startSpan(`${spanNames.upgrade} ${refusal.route ?? ''}`.trimEnd(), {
      kind: SpanKind.SERVER,
      attributes: { [a.httpStatus]: refusal.status, [a.errorType]: refusal.code, [a.protocol]: WEBSOCKET },
    })
    if (refusal.route !== undefined) span.setAttribute(a.route, refusal.route)
    span.setStatus({ code: SpanStatusCode.ERROR, message: refusal.message })
    span.end()
  }

  /**
   * A message's span, started when it arrives. Its parent is a `traceparent` field in the message
   * itself when there is one; it links to the connection's upgrade span either way.
   */
  message(connection: Connection, traced: TracedConnection | undefined, data: string | Uint8Array, bytes: number): Span {
    const remote = typeof data === 'string' ? traceparentInMessage(data) : undefined
    const links: Link[] | undefined = traced?.upgrade ? [{ context: traced.upgrade }] : undefined
    return this.#tracer.startSpan(
      `${spanNames.message} ${connection.route}`,
      {
        kind: SpanKind.SERVER,
        attributes: { [a.route]: connection.route, [a.connectionId]: connection.id, [a.protocol]: WEBSOCKET, [a.messageBodySize]: bytes },
        ...(links ? { links } : {}),
      },
      parentContext(remote),
    )
  }

  /** Ends a message span, named after the declared type it was dispatched on. */
  messageEnded(span: Span, route: string, type: string | undefined, error: WsError | undefined): void {
    if (type !== undefined) {
      span.updateName(`${spanNames.message} ${route} ${type}`)
      span.setAttribute(a.messageType, type)
    }
    if (error !== undefined) {
      span.setAttribute(a.errorType, error.code)
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message })
    }
    span.end()
  }

  /** A request's span, from its arrival; linked to the connection's upgrade span like a message's. */
  request(connection: Connection, traced: TracedConnection | undefined, name: string, streaming: boolean): Span {
    const links: Link[] | undefined = traced?.upgrade ? [{ context: traced.upgrade }] : undefined
    return this.#tracer.startSpan(`${spanNames.request} ${connection.route} ${name}`, {
      kind: SpanKind.SERVER,
      attributes: {
        [a.route]: connection.route,
        [a.connectionId]: connection.id,
        [a.protocol]: WEBSOCKET,
        [a.requestName]: name,
        [a.requestStreaming]: streaming,
      },
      ...(links ? { links } : {}),
    })
  }

  /** Ends a request's span with its outcome, its error code and, streaming, its chunk count. */
  requestEnded(span: Span, outcome: RequestOutcome, error: WsError | undefined, chunks: number | undefined): void {
    span.setAttribute(a.requestOutcome, outcome)
    if (chunks !== undefined) span.setAttribute(a.requestChunks, chunks)
    if (error !== undefined) span.setAttribute(a.errorType, error.code)
    if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR, message: error?.message ?? 'error' })
    span.end()
  }

  /** A publish span (child of the publishing handler's message span, else of the active context); returns its traceparent. */
  published(topics: readonly string[], parent: Span | undefined, deliveries: number): string | undefined {
    const span = this.#tracer.startSpan(
      spanNames.publish,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          [a.messagingSystem]: 'wsbridge',
          [a.messagingOperation]: 'send',
          [a.destination]: topics.join(','),
          [a.deliveryCount]: deliveries,
        },
      },
      parent ? trace.setSpan(context.active(), parent) : context.active(),
    )
    span.end()
    return formatTraceparent(span.spanContext())
  }

  /** A delivery from another instance: a child of that instance's publish span when it carried a trace. */
  delivered(message: PubSubMessage, via: string, deliveries: number): void {
    const span = this.#tracer.startSpan(
      spanNames.deliver,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          [a.messagingSystem]: 'wsbridge',
          [a.messagingOperation]: 'process',
          [a.destination]: via,
          [a.deliveryCount]: deliveries,
        },
      },
      parentContext(parseTraceparent(message.trace)),
    )
    span.end()
  }
}

/** A context whose parent is `remote`, or the active one (a root span unless the app set a context). */
function parentContext(remote: SpanContext | undefined): Context {
  return remote ? trace.setSpanContext(context.active(), remote) : context.active()
}
