// The one route file every wsbridge target serves, unchanged on each adapter.
import { defineRoute, type BridgeOptions } from '@wsbridge/core'
import * as v from 'valibot'
import { benchInstrumentation } from './instrumentation-variant.js'
import { FAN_TOPIC } from './ready.js'

const Probe = v.object({ type: v.literal('echo'), seq: v.number(), t: v.number(), text: v.string() })

export const routes = {
  /** Untyped echo: parse, send back (serialized again). The same work as every raw target. */
  echo: defineRoute({ kind: 'ws', handler: { onMessage: (message, connection) => connection.send(message) } }),
  /** Scenario 5: the same echo through a typed, valibot-validated message handler. */
  typed: defineRoute({ kind: 'ws', messages: { echo: { schema: Probe, handler: (probe, connection) => connection.send(probe) } } }),
  /**
   * Request/response: the echo as a request (`conn.request('echo', probe)`), compared with socket.io's
   * `emitWithAck`. Unvalidated like socket.io's ack (`typed` measures what validation adds).
   */
  req: defineRoute({ kind: 'ws', requests: { echo: { input: v.unknown(), output: v.unknown(), handler: (probe) => probe } } }),
  /** Fan-out: everyone subscribes; a message is published to all other subscribers. */
  fan: defineRoute({
    kind: 'ws',
    handler: {
      onOpen: (connection) => connection.subscribe(FAN_TOPIC),
      onMessage: (message, connection) => void connection.publish(FAN_TOPIC, message),
    },
  }),
}

/**
 * Every safe default stays on, with two limits lifted that a load test from one address trips by
 * design: 1,000 connections per IP (fan-out and memory open 1,001 to 10,000) and 1,000 messages/s
 * per connection (the rate limiter still runs, with a budget the bench never reaches).
 */
const instrumentation = await benchInstrumentation(process.env['WSBRIDGE_BENCH_INSTRUMENTATION'])

export const benchOptions: BridgeOptions = {
  maxConnectionsPerIp: 0,
  rateLimit: { messages: 1_000_000_000, interval: 1000 },
  // `--instrumentation=empty|otel` (instrumentation-variant.ts); absent by default.
  ...(instrumentation === undefined ? {} : { instrumentation }),
}
