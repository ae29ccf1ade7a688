import type { PubSubMessage } from '@wsbridge/core'

/**
 * The bytes one publish puts on a Redis channel: a one-line JSON header, a newline, then the frame
 * exactly as the publisher encoded it. The frame is never re-serialized: text frames are appended
 * to the header as they are, binary frames as raw bytes (Redis payloads are binary-safe).
 *
 *   {"v":1,"i":"<instance id>","s":"<sender connection id>","t":["<topic>",…],"b":0,"c":"<traceparent>"}\n<frame>
 *
 * `c` (the publish's W3C trace context, `PubSubMessage.trace`) is there only when the publishing
 * bridge traces (`@wsbridge/otel`); instances that do not trace ignore it.
 *
 * JSON.stringify never emits a raw newline, so the first `\n` always ends the header.
 */
export interface Envelope {
  /** The instance that published; it ignores its own messages (it already delivered locally). */
  readonly instanceId: string
  /** The published message, as the bridge handed it to the driver. */
  readonly message: PubSubMessage
}

const NEWLINE = 10
/** W3C trace context `traceparent`, version 00 (https://www.w3.org/TR/trace-context/#traceparent-header). */
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/

/**
 * Builds the bytes one publish puts on a Redis channel (the `Envelope` layout above). Exported with
 * `decodeEnvelope` for tools that read or write the channels of a running cluster.
 */
export function encodeEnvelope(instanceId: string, message: PubSubMessage): string | Buffer {
  const binary = typeof message.frame !== 'string'
  const header = JSON.stringify({ v: 1, i: instanceId, s: message.senderId, t: message.topics, b: binary ? 1 : 0, c: message.trace })
  if (typeof message.frame === 'string') return `${header}\n${message.frame}`
  return Buffer.concat([Buffer.from(`${header}\n`), message.frame])
}

/** Returns undefined for payloads that are not wsbridge envelopes (someone else on the channel). */
export function decodeEnvelope(payload: Buffer): Envelope | undefined {
  const end = payload.indexOf(NEWLINE)
  if (end === -1) return undefined
  let header: { v?: unknown; i?: unknown; s?: unknown; t?: unknown; b?: unknown; c?: unknown }
  try {
    header = JSON.parse(payload.toString('utf8', 0, end)) as typeof header
  } catch {
    return undefined
  }
  if (header.v !== 1 || typeof header.i !== 'string' || !Array.isArray(header.t)) return undefined
  const topics = header.t.filter((t): t is string => typeof t === 'string')
  // Binary frames are copied out: the client's reply buffer may be reused while the frame is still queued to sockets.
  const frame = header.b === 1 ? new Uint8Array(payload.subarray(end + 1)) : payload.toString('utf8', end + 1)
  const senderId = typeof header.s === 'string' ? header.s : undefined
  // Only a well-formed traceparent is carried on: anyone who can publish to the channel can write this field.
  const trace = typeof header.c === 'string' && TRACEPARENT.test(header.c) ? header.c : undefined
  return { instanceId: header.i, message: { topics, frame, senderId, trace } }
}
