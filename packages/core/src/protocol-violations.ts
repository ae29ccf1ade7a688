/**
 * The RFC 6455 violations a client can commit, in words that read the same on every runtime.
 * `ws` and Bun (uWebSockets) describe the same violation differently, and lump different ones
 * together (ws calls a stray continuation frame an invalid opcode; Bun has a reason of its own),
 * so each adapter maps its runtime's description onto these and keeps it as the error's `cause`.
 */
export const protocolViolations = {
  mask: 'Client frame is not masked',
  reservedBits: 'Reserved bits set without an extension',
  opcode: 'Unknown opcode or continuation out of sequence',
  controlFrame: 'Fragmented or oversized control frame, or a close payload of 1 byte',
  closeCode: 'Invalid close code',
  utf8: 'Invalid UTF-8 in a text frame or close reason',
  fragments: 'Too many fragments in one message',
  compression: 'Invalid compressed data',
  other: 'WebSocket protocol violation',
} as const

/**
 * The RFC 6455 violations an adapter can report (`protocolViolations` keys): it maps its runtime's
 * own description of a bad frame onto one of these, so errors read the same on every host.
 */
export type ProtocolViolation = keyof typeof protocolViolations
