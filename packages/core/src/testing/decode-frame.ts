/** Decodes a server frame the way a browser client would read it: JSON text, or bytes. */
export function decodeFrame(frame: string | Uint8Array): unknown {
  if (typeof frame !== 'string') return frame
  try {
    return JSON.parse(frame)
  } catch {
    return frame
  }
}
