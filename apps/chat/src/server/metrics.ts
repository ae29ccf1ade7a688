import type { IncomingMessage, ServerResponse } from 'node:http'
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus'
import { MeterProvider } from '@opentelemetry/sdk-metrics'
import type { BridgeInstrumentation } from '@wsbridge/core'
import { createOtelInstrumentation } from '@wsbridge/otel'

/**
 * The chat's metrics (docs/observability.md): `@wsbridge/otel` records them through an
 * OpenTelemetry MeterProvider whose Prometheus exporter serves `GET /metrics` on the chat's own
 * HTTP server (no second port). Spans are off: the sample ships no trace exporter.
 */
export interface ChatMetrics {
  readonly instrumentation: BridgeInstrumentation
  /** Answers `GET /metrics` in Prometheus text format; false for any other request. */
  serve(request: IncomingMessage, response: ServerResponse): boolean
}

export function createChatMetrics(): ChatMetrics {
  const exporter = new PrometheusExporter({ preventServerStart: true })
  const meterProvider = new MeterProvider({ readers: [exporter] })
  return {
    instrumentation: createOtelInstrumentation({ meterProvider, traces: false }),
    serve(request, response) {
      if (request.method !== 'GET' || request.url?.split('?', 1)[0] !== '/metrics') return false
      exporter.getMetricsRequestHandler(request, response)
      return true
    },
  }
}
