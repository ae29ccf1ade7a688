/** A message as Hono's runtimes hand it over: string, ArrayBuffer, Buffer/typed array or Blob. */
export type IncomingData = string | ArrayBufferLike | ArrayBufferView | Blob

export type Frame = readonly [data: string | Uint8Array, isBinary: boolean]

/**
 * Normalises a message to what core takes. Only a Blob (Deno/Workers with `binaryType: 'blob'`)
 * needs async work; every runtime this package is tested on hands over strings or bytes.
 */
export function toFrame(data: IncomingData): Frame | Promise<Frame> {
  if (typeof data === 'string') return [data, false]
  // A Buffer is a Uint8Array subclass; handlers get a plain view over the same bytes (no copy).
  if (data instanceof Uint8Array && data.constructor === Uint8Array) return [data, true]
  if (ArrayBuffer.isView(data)) return [new Uint8Array(data.buffer, data.byteOffset, data.byteLength), true]
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data.arrayBuffer().then((bytes) => [new Uint8Array(bytes), true] as const)
  return [new Uint8Array(data as ArrayBufferLike), true]
}

/** Runs tasks in call order; `idle` is true while no async task is pending. */
export interface OrderedRunner {
  (task: () => void | Promise<void>): void
  readonly idle: boolean
}

/**
 * Runs tasks in call order. While nothing async is pending a task runs synchronously, so the
 * usual path adds no latency; once one returns a promise (a Blob being read), later tasks wait
 * behind it, so frames and the close event are never reordered.
 */
export function createOrderedRunner(onError: (error: unknown) => void): OrderedRunner {
  let tail: Promise<void> | undefined
  const run = (task: () => void | Promise<void>): void => {
    const result = tail ? tail.then(task) : task()
    if (!result) return
    const current: Promise<void> = result.catch(onError).then(() => {
      if (tail === current) tail = undefined
    })
    tail = current
  }
  return Object.defineProperty(run, 'idle', { get: () => tail === undefined }) as OrderedRunner
}

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
  if (Array.isArray(data)) return decoder.decode(joined(data))
  if (data instanceof ArrayBuffer) return decoder.decode(data)
  // A Buffer (ws's default): decoded by Node's own UTF-8 path, as the Hono helpers do.
  return (data as Uint8Array & { toString(encoding: 'utf8'): string }).toString('utf8')
}

/**
 * A `ws` binary message as a plain Uint8Array with its own copy of the bytes, as the Hono helpers
 * hand it over (they copy it into an ArrayBuffer), so it never shares memory with ws's buffers.
 */
export function wsBytes(data: WsData): Uint8Array {
  if (Array.isArray(data)) return joined(data)
  return new Uint8Array(data as Uint8Array)
}
