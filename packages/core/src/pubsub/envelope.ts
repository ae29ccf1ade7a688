import type { PubSubMessage } from './driver.js'

/**
 * The bytes one publish puts on a backplane channel (a Redis channel, a NATS subject): a one-line
 * JSON header, a newline, then the frame exactly as the publisher encoded it. The frame is never
 * re-serialized: a text frame is appended to the header as it is, a binary frame as raw bytes.
 * Every driver uses this one layout, so a tool can read any backplane:
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
const encoder = new TextEncoder()
const decoder = new TextDecoder()
/** W3C trace context `traceparent`, version 00 (https://www.w3.org/TR/trace-context/#traceparent-header). */
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/

/**
 * Builds the payload of one publish (the `Envelope` layout): a string for a text frame, bytes for
 * a binary one. `decodeEnvelope` reads either back once the backend hands it over as bytes.
 *
 * @example
 * const payload = encodeEnvelope(instanceId, message) // '{"v":1,"i":"a","t":["room"],"b":0}\n{"n":1}'
 */
export function encodeEnvelope(instanceId: string, message: PubSubMessage): string | Uint8Array {
  const binary = typeof message.frame !== 'string'
  const header = JSON.stringify({ v: 1, i: instanceId, s: message.senderId, t: message.topics, b: binary ? 1 : 0, c: message.trace })
  if (typeof message.frame === 'string') return `${header}\n${message.frame}`
  const head = encoder.encode(`${header}\n`)
  const bytes = new Uint8Array(head.length + message.frame.length)
  bytes.set(head)
  bytes.set(message.frame, head.length)
  return bytes
}

/** Reads one payload back; undefined for payloads that are not wsbridge envelopes (someone else on the channel). */
export function decodeEnvelope(payload: Uint8Array): Envelope | undefined {
  const end = payload.indexOf(NEWLINE)
  if (end === -1) return undefined
  let header: { v?: unknown; i?: unknown; s?: unknown; t?: unknown; b?: unknown; c?: unknown }
  try {
    header = JSON.parse(decoder.decode(payload.subarray(0, end))) as typeof header
  } catch {
    return undefined
  }
  if (header.v !== 1 || typeof header.i !== 'string' || !Array.isArray(header.t)) return undefined
  const topics = header.t.filter((t): t is string => typeof t === 'string')
  // Binary frames are copied into a plain Uint8Array: clients hand out views of a read buffer they reuse.
  const frame = header.b === 1 ? new Uint8Array(payload.subarray(end + 1)) : decoder.decode(payload.subarray(end + 1))
  const senderId = typeof header.s === 'string' ? header.s : undefined
  // Only a well-formed traceparent is carried on: anyone who can publish to the channel can write this field.
  const trace = typeof header.c === 'string' && TRACEPARENT.test(header.c) ? header.c : undefined
  return { instanceId: header.i, message: { topics, frame, senderId, trace } }
}
