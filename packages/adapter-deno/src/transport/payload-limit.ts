const utf8 = new TextEncoder()

/** The reason every host closes with (1009) when a message is over the bridge-wide `maxPayloadLength`. */
export const TOO_BIG_REASON = 'Received too big message'

/**
 * Whether a message is over the bridge-wide limit. Deno's own limit is fixed (64 MiB, not
 * configurable from `Deno.upgradeWebSocket`), so the adapter applies the bridge's as each message
 * arrives, where ws and Bun apply it while reading; the peer reads the same close.
 */
export function overLimit(data: string | ArrayBuffer, limit: number): boolean {
  if (typeof data !== 'string') return data.byteLength > limit
  // UTF-8 needs 1 to 3 bytes per UTF-16 unit, so only the middle band needs an exact count.
  if (data.length > limit) return true
  if (data.length * 3 <= limit) return false
  return utf8.encode(data).length > limit
}
