/** Bounded queue for messages sent while the socket is not open. */
export interface QueueOptions {
  /** Most messages held. 0 disables queueing (sends while not open are dropped). @default 1000 */
  readonly max?: number
  /**
   * What happens when the queue is full: `'drop-newest'` refuses the new message (`send` returns
   * `'dropped'`); `'drop-oldest'` discards the oldest queued message to make room. @default 'drop-newest'
   */
  readonly overflow?: 'drop-newest' | 'drop-oldest'
  /** Called with every message the queue discards because it was full. */
  readonly onDrop?: (frame: QueuedFrame) => void
}

/** An encoded outgoing frame: JSON text, or bytes for a binary frame. */
export type QueuedFrame = string | ArrayBuffer | ArrayBufferView

export class SendQueue {
  readonly #frames: QueuedFrame[] = []
  readonly #max: number
  readonly #overflow: 'drop-newest' | 'drop-oldest'
  readonly #onDrop: ((frame: QueuedFrame) => void) | undefined

  constructor(options: QueueOptions = {}) {
    this.#max = options.max ?? 1000
    this.#overflow = options.overflow ?? 'drop-newest'
    this.#onDrop = options.onDrop
  }

  get size(): number {
    return this.#frames.length
  }

  /** Returns false when the frame was refused. */
  push(frame: QueuedFrame): boolean {
    if (this.#max <= 0) {
      this.#onDrop?.(frame)
      return false
    }
    if (this.#frames.length >= this.#max) {
      if (this.#overflow === 'drop-newest') {
        this.#onDrop?.(frame)
        return false
      }
      this.#onDrop?.(this.#frames.shift()!)
    }
    this.#frames.push(frame)
    return true
  }

  /** Removes and returns every queued frame, oldest first. */
  drain(): QueuedFrame[] {
    return this.#frames.splice(0, this.#frames.length)
  }

  clear(): void {
    this.#frames.length = 0
  }
}
