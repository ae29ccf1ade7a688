const HEX: readonly string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

/**
 * A random RFC 4122 version 4 UUID, as one flat string. `crypto.randomUUID()` in Node returns a
 * rope of 14 concatenated pieces (~450 bytes kept per connection for as long as the id lives);
 * `Array#join` builds a single sequential string instead.
 */
export function createConnectionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40 // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80 // RFC 4122 variant
  const parts: string[] = []
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) parts.push('-')
    parts.push(HEX[bytes[i]!]!)
  }
  return parts.join('')
}
