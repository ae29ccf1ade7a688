import { metrics, trace, type MeterProvider, type Span, type TracerProvider } from '@opentelemetry/api'
import type { BridgeInstrumentation, Connection, MessageScope, RequestScope } from '@wsbridge/core'
import { attributeNames as a } from './attributes.js'
import { frameBytes, memoFrameBytes } from './frame-bytes.js'
import { BridgeMetrics, RouteAttributes } from './metrics.js'
import { BridgeTracing, type TracedConnection } from './tracing.js'

/** Options of `createOtelInstrumentation`. */
export interface OtelInstrumentationOptions {
  /** Where metrics go. Default: the global one (`metrics.getMeterProvider()`), a no-op until an SDK registers. */
  readonly meterProvider?: MeterProvider
  /** Where spans go. Default: the global one (`trace.getTracerProvider()`), a no-op until an SDK registers. */
  readonly tracerProvider?: TracerProvider
  /** Record metrics. Default true. */
  readonly metrics?: boolean
  /** Record spans and carry trace context (client, pub/sub driver). Default true. */
  readonly traces?: boolean
}

const SCOPE = '@wsbridge/otel'
const LOCAL = { [a.deliveryOrigin]: 'local' }
const REMOTE = { [a.deliveryOrigin]: 'remote' }

/** Per open connection: its route's cached attributes and, when tracing, its spans. */
interface ConnectionState {
  readonly attributes: RouteAttributes
  readonly traced: TracedConnection | undefined
}

/**
 * Instrumentation for `createBridge` (or any adapter's options) that records OpenTelemetry
 * metrics and spans through the OpenTelemetry API: the app brings the SDK and exporters.
 *
 * @example
 * const server = createNodeWebSocketServer(routes, { instrumentation: createOtelInstrumentation() })
 */
export function createOtelInstrumentation(options: OtelInstrumentationOptions = {}): BridgeInstrumentation {
  const meters =
    options.metrics === false ? undefined : new BridgeMetrics((options.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE))
  const spans =
    options.traces === false ? undefined : new BridgeTracing((options.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE))
  const states: WeakMap<Connection, ConnectionState> = new WeakMap()
  const sentBytes = memoFrameBytes()
  const routes: Map<string, RouteAttributes> = new Map()
  const routeAttributes = (route: string): RouteAttributes => {
    let cached = routes.get(route)
    if (cached === undefined) routes.set(route, (cached = new RouteAttributes(route)))
    return cached
  }
  const stateOf = (connection: Connection): ConnectionState => {
    let state = states.get(connection)
    // Only an instrumentation object shared by two bridges can meet a connection it did not see open.
    if (state === undefined) states.set(connection, (state = { attributes: routeAttributes(connection.route), traced: undefined }))
    return state
  }

  function message(connection: Connection, data: string | Uint8Array): MessageScope {
    const state = stateOf(connection)
    const bytes = frameBytes(data)
    const span: Span | undefined = spans?.message(connection, state.traced, data, bytes)
    let started = 0
    return {
      started() {
        started = performance.now()
        if (state.traced && span) state.traced.active = span
      },
      end(type, error) {
        if (meters) {
          const typed = state.attributes.typed(type)
          meters.messages.add(1, typed.received)
          meters.bytes.add(bytes, typed.received)
          if (started !== 0) {
            const handled = error === undefined ? typed.handled : { ...typed.handled, [a.errorType]: error.code }
            meters.handlerDuration.record((performance.now() - started) / 1000, handled)
          }
        }
        if (state.traced && state.traced.active === span) state.traced.active = undefined
        if (span) spans!.messageEnded(span, connection.route, type, error)
      },
    }
  }

  function request(connection: Connection, name: string, streaming: boolean): RequestScope {
    const state = stateOf(connection)
    const span = spans?.request(connection, state.traced, name, streaming)
    const started = performance.now()
    let chunks = 0
    return {
      chunk() {
        chunks++
      },
      end(outcome, error) {
        meters?.requestDuration.record((performance.now() - started) / 1000, state.attributes.requested(name, outcome, error?.code))
        if (span) spans!.requestEnded(span, outcome, error, streaming ? chunks : undefined)
      },
    }
  }

  return {
    opened(connection) {
      const attributes = routeAttributes(connection.route)
      states.set(connection, { attributes, traced: spans?.opened(connection) })
      meters?.open.add(1, attributes.route)
      meters?.upgrades.add(1, attributes.accepted)
    },
    refused(refusal) {
      meters?.upgrades.add(1, {
        [a.upgradeOutcome]: 'refused',
        [a.httpStatus]: refusal.status,
        [a.errorType]: refusal.code,
        ...(refusal.route === undefined ? {} : { [a.route]: refusal.route }),
      })
      spans?.refused(refusal)
    },
    closed(connection) {
      meters?.open.add(-1, stateOf(connection).attributes.route)
      states.delete(connection)
    },
    message,
    request,
    ...(meters &&
      ({
        sent(connection: Connection, frame: string | Uint8Array) {
          const attributes = stateOf(connection).attributes.transmitted
          meters.messages.add(1, attributes)
          meters.bytes.add(sentBytes(frame), attributes)
        },
        dropped(connection: Connection) {
          meters.drops.add(1, stateOf(connection).attributes.route)
        },
        error(error, connection) {
          meters.errors.add(1, connection ? stateOf(connection).attributes.failed(error.code) : { [a.errorType]: error.code })
        },
        driverState: (driver, state) => meters.driverState(driver, state),
      } satisfies BridgeInstrumentation)),
    published(topics, _frame, sender, deliveries) {
      meters?.publishes.add(1)
      meters?.deliveries.add(deliveries, LOCAL)
      if (!spans) return undefined
      const parent = sender ? states.get(sender)?.traced?.active : undefined
      return spans.published(topics, parent, deliveries)
    },
    delivered(message, via, deliveries) {
      meters?.deliveries.add(deliveries, REMOTE)
      spans?.delivered(message, via, deliveries)
    },
  }
}
