/**
 * The RFC 6455 violations a client can commit, in words that read the same on every runtime.
 * `ws` and Bun (uWebSockets) describe the same violation differently, and lump different ones
 * together (ws calls a stray continuation frame an invalid opcode; Bun has a reason of its own),
 * so each adapter maps its runtime's description onto these and keeps it as the error's `cause`.
 */
export const protocolViolations = {
  /** An unmasked frame from the client (RFC 6455 §5.1). */
  mask: 'Client frame is not masked',
  /** RSV1-3 set without a negotiated extension that defines them. */
  reservedBits: 'Reserved bits set without an extension',
  /** An opcode RFC 6455 does not define, or a continuation frame with no message to continue. */
  opcode: 'Unknown opcode or continuation out of sequence',
  /** A ping, pong or close that is fragmented, over 125 bytes, or a close payload of one byte. */
  controlFrame: 'Fragmented or oversized control frame, or a close payload of 1 byte',
  /** A close frame carrying a code RFC 6455 forbids on the wire. */
  closeCode: 'Invalid close code',
  /** A text frame or close reason that is not valid UTF-8. */
  utf8: 'Invalid UTF-8 in a text frame or close reason',
  /** A message split into more fragments than the host accepts. */
  fragments: 'Too many fragments in one message',
  /** A permessage-deflate frame that does not inflate. */
  compression: 'Invalid compressed data',
  /** Any other violation the runtime reports without saying which. */
  other: 'WebSocket protocol violation',
} as const

/**
 * The RFC 6455 violations an adapter can report (`protocolViolations` keys): it maps its runtime's
 * own description of a bad frame onto one of these, so errors read the same on every host.
 */
export type ProtocolViolation = keyof typeof protocolViolations
