import type { PubSubMessage } from '@wsbridge/core'

/**
 * The bytes one publish puts on a NATS subject: a one-line JSON header, a newline, then the frame
 * exactly as the publisher encoded it (text as UTF-8, binary frames as raw bytes). Same layout as
 * `@wsbridge/pubsub-redis`, so tools can read either backplane:
 *
 *   {"v":1,"i":"<instance id>","s":"<sender connection id>","t":["<topic>",…],"b":0}\n<frame>
 *
 * JSON.stringify never emits a raw newline, so the first `\n` always ends the header.
 */
export interface Envelope {
  /** The instance that published; it ignores its own messages (it already delivered locally). */
  readonly instanceId: string
  readonly message: PubSubMessage
}

const NEWLINE = 10
const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Builds the bytes of one publish (the `Envelope` layout above); `decodeEnvelope` reads them back. */
export function encodeEnvelope(instanceId: string, message: PubSubMessage): Uint8Array {
  const binary = typeof message.frame !== 'string'
  const header = encoder.encode(`${JSON.stringify({ v: 1, i: instanceId, s: message.senderId, t: message.topics, b: binary ? 1 : 0 })}\n`)
  const frame = typeof message.frame === 'string' ? encoder.encode(message.frame) : message.frame
  const bytes = new Uint8Array(header.length + frame.length)
  bytes.set(header)
  bytes.set(frame, header.length)
  return bytes
}

/** Returns undefined for payloads that are not wsbridge envelopes (someone else on the subject). */
export function decodeEnvelope(payload: Uint8Array): Envelope | undefined {
  const end = payload.indexOf(NEWLINE)
  if (end === -1) return undefined
  let header: { v?: unknown; i?: unknown; s?: unknown; t?: unknown; b?: unknown }
  try {
    header = JSON.parse(decoder.decode(payload.subarray(0, end))) as typeof header
  } catch {
    return undefined
  }
  if (header.v !== 1 || typeof header.i !== 'string' || !Array.isArray(header.t)) return undefined
  const topics = header.t.filter((t): t is string => typeof t === 'string')
  // Binary frames are copied into a plain Uint8Array: the client hands out Buffer views of its read buffer.
  const frame = header.b === 1 ? new Uint8Array(payload.subarray(end + 1)) : decoder.decode(payload.subarray(end + 1))
  const senderId = typeof header.s === 'string' ? header.s : undefined
  return { instanceId: header.i, message: { topics, frame, senderId } }
}
