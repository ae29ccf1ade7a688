/**
 * `@wsbridge/otel`: OpenTelemetry metrics and spans for a wsbridge bridge, through the
 * OpenTelemetry API (a peer dependency); trace context travels from the client and through the
 * pub/sub driver. See docs/observability.md.
 */
export { createOtelInstrumentation } from './instrumentation.js'
export type { OtelInstrumentationOptions } from './instrumentation.js'
export { attributeNames, metricNames, spanNames } from './attributes.js'
export { formatTraceparent, parseTraceparent } from './traceparent.js'
