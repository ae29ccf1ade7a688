/** One frame's size in bytes: UTF-8 for text (what goes on the wire), the length for binary. */
export function frameBytes(frame: string | Uint8Array): number {
  if (typeof frame !== 'string') return frame.byteLength
  let bytes = frame.length
  // Each UTF-16 unit is at least one byte; add what UTF-8 needs beyond that. A surrogate pair is
  // 4 bytes for 2 units; a lone surrogate is sent as U+FFFD (3 bytes), as TextEncoder does.
  for (let i = 0; i < frame.length; i++) {
    const unit = frame.charCodeAt(i)
    if (unit < 0x80) continue
    if (unit < 0x800) bytes += 1
    else if (unit >= 0xd800 && unit <= 0xdbff && isLow(frame.charCodeAt(i + 1))) {
      bytes += 2
      i++
    } else bytes += 2
  }
  return bytes
}

const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff

/**
 * `frameBytes` with a one-entry memo: a publish hands the same frame to every subscriber's send,
 * so the count is made once per publish, not once per delivery.
 */
export function memoFrameBytes(): (frame: string | Uint8Array) => number {
  let last: string | Uint8Array | undefined
  let lastBytes = 0
  return (frame) => {
    if (frame !== last) {
      last = frame
      lastBytes = frameBytes(frame)
    }
    return lastBytes
  }
}
