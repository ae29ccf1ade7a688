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
