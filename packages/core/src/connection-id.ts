const HEX: readonly string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

// Reused by every call (ids are built synchronously): a fresh Uint8Array and array per id would be
// garbage from every handshake, and garbage interleaved with live connections keeps memory
// (RSS) high after GC, on Bun especially.
const bytes = new Uint8Array(16)
const parts: string[] = []

/**
 * A random RFC 4122 version 4 UUID, as one flat string. `crypto.randomUUID()` in Node returns a
 * rope of 14 concatenated pieces (~450 bytes kept per connection for as long as the id lives);
 * `Array#join` builds a single sequential string instead.
 */
export function createConnectionId(): string {
  crypto.getRandomValues(bytes)
  bytes[6] = (bytes[6]! & 0x0f) | 0x40 // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80 // RFC 4122 variant
  let at = 0
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) parts[at++] = '-'
    parts[at++] = HEX[bytes[i]!]!
  }
  return parts.join('')
}
