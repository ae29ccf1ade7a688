/** What `ws` emits for a message: a Buffer, or with other binary types an ArrayBuffer or Buffer[] (fragments). */
export type WsData = Uint8Array | ArrayBuffer | readonly Uint8Array[]

const decoder = new TextDecoder()

function joined(chunks: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.byteLength, 0))
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** A `ws` text message as a string; ws has already checked that it is valid UTF-8. */
export function wsText(data: WsData): string {
  if (Array.isArray(data)) return decoder.decode(data.length === 1 ? data[0] : joined(data))
  if (data instanceof ArrayBuffer) return decoder.decode(data)
  // A Buffer (ws's default): decoded by Node's own UTF-8 path.
  return (data as Uint8Array & { toString(encoding: 'utf8'): string }).toString('utf8')
}

/**
 * A `ws` binary message as one Uint8Array, without copying where it can: the Buffer itself, a
 * view of an ArrayBuffer, the only fragment, or the fragments joined.
 */
export function wsBytes(data: WsData): Uint8Array {
  if (Array.isArray(data)) return data.length === 1 ? data[0]! : joined(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data as Uint8Array
}

/**
 * A `ws` binary message as a plain Uint8Array with its own copy of the bytes (what the Hono helpers
 * hand over: they copy it into an ArrayBuffer), so it never shares memory with ws's buffers.
 */
export function wsBytesCopy(data: WsData): Uint8Array {
  if (Array.isArray(data)) return joined(data)
  return new Uint8Array(data as Uint8Array)
}
