/**
 * Credit-based flow control for one streaming reply, on the side that sends chunks: the asker
 * grants a window (`w` of the request, then `more` frames as its reader takes chunks), and the
 * sender only pulls the next chunk from the handler's iterator while it has credit. A slow reader
 * therefore holds the handler's generator still instead of filling a buffer on either side.
 */
export class StreamCredit {
  #credit: number
  #wake: (() => void) | undefined

  constructor(window: number) {
    this.#credit = window
  }

  get available(): number {
    return this.#credit
  }

  /** The asker granted `window` more chunks (capped so a hostile peer cannot overflow the count). */
  grant(window: number): void {
    this.#credit = Math.min(this.#credit + window, Number.MAX_SAFE_INTEGER)
    this.#wakeUp()
  }

  /** One chunk went out. */
  take(): void {
    this.#credit--
  }

  /** Resolves when there is credit again, or at once when there is; `stop` wakes a waiter too (abort). */
  wait(): Promise<void> {
    if (this.#credit > 0) return Promise.resolve()
    return new Promise((resolve) => {
      this.#wake = resolve
    })
  }

  /** Wakes the waiter (on grant, or when the stream is aborted: the waiter then checks its signal). */
  #wakeUp(): void {
    const wake = this.#wake
    this.#wake = undefined
    wake?.()
  }

  stop(): void {
    this.#wakeUp()
  }
}
