import { TraceFlags } from '@opentelemetry/api'
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics'
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { createNodeWebSocketServer } from '@wsbridge/adapter-node-ws'
import type { PubSubDriver, Routes } from '@wsbridge/core'
import { createNatsPubSub } from '@wsbridge/pubsub-nats'
import { createRedisPubSub } from '@wsbridge/pubsub-redis'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createOtelInstrumentation } from '../src/index.js'

/** The backplanes the two-instance tests run over; both are real servers on loopback. */
export type Backplane = 'redis' | 'nats'

/** One wsbridge instance (Node `ws`, real Redis or NATS) with its own SDK pipeline and in-memory exporters. */
export interface ObservedInstance {
  url(path: string): string
  /** Every span ended so far. */
  spans(): ReadableSpan[]
  /** The metrics as a cumulative export right now. */
  metrics(): Promise<ResourceMetrics[]>
  close(): Promise<void>
}

export async function startObservedInstance(
  routes: Routes,
  channelPrefix: string,
  backplane: Backplane = 'redis',
): Promise<ObservedInstance> {
  const spanExporter = new InMemorySpanExporter()
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] })
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 })
  const meterProvider = new MeterProvider({ readers: [reader] })
  const pubsub: PubSubDriver & { ready(): Promise<void> } =
    backplane === 'redis'
      ? createRedisPubSub({ url: 'redis://127.0.0.1:6379', prefix: channelPrefix })
      : createNatsPubSub({ servers: '127.0.0.1:4222', prefix: channelPrefix.replace(/[^A-Za-z0-9_-]/g, '_') })
  const server = createServer((_request, response) => response.writeHead(404).end())
  const wss = createNodeWebSocketServer(routes, {
    prefix: '/ws',
    pubsub,
    logger: false,
    instrumentation: createOtelInstrumentation({ tracerProvider, meterProvider }),
  })
  wss.attach(server)
  server.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  await pubsub.ready()
  const port = (server.address() as AddressInfo).port
  return {
    url: (path) => `ws://127.0.0.1:${port}/ws${path}`,
    spans: () => spanExporter.getFinishedSpans(),
    async metrics() {
      metricExporter.reset()
      await reader.forceFlush()
      return metricExporter.getMetrics()
    },
    async close() {
      await wss.close()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()])
    },
  }
}

/** The data points of metric `name` in the latest export, as `[attributes, value]` pairs. */
export function points(exported: ResourceMetrics[], name: string): [Record<string, unknown>, unknown][] {
  const latest = exported.at(-1)
  const metric = latest?.scopeMetrics.flatMap((scope) => scope.metrics).find((m) => m.descriptor.name === name)
  return (metric?.dataPoints ?? []).map((point) => [point.attributes, point.value] as [Record<string, unknown>, unknown])
}

/** A client-side trace context, as a browser's tracing library would send it. */
export const clientContext = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.SAMPLED,
}
export const clientTraceparent = `00-${clientContext.traceId}-${clientContext.spanId}-01`

export const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId
