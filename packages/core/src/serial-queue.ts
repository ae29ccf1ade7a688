/**
 * Runs a connection's handler calls one after another, in arrival order, awaiting async ones.
 * Sync handlers run inline with no promise allocated, so the common case costs one branch.
 */
export class SerialQueue {
  // A FIFO read from #head: Array#shift is O(n), which made a backlog of n tasks cost O(n²).
  #pending: ((() => unknown) | undefined)[] = []
  #head = 0
  #busy = false
  readonly #onError: (error: unknown) => void

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError
  }

  /** True while no task is running or waiting. */
  get idle(): boolean {
    return !this.#busy
  }

  run(task: () => unknown): void {
    if (this.#busy) this.#pending.push(task)
    else this.#drain(task)
  }

  // Iterative, so a long run of sync tasks queued behind an async one cannot grow the stack.
  #drain(first: () => unknown): void {
    let task: (() => unknown) | undefined = first
    while (task !== undefined) {
      this.#busy = true
      let result: unknown
      try {
        result = task()
      } catch (error) {
        this.#onError(error)
        result = undefined
      }
      if (isThenable(result)) {
        result.then(
          () => this.#resume(),
          (error: unknown) => {
            this.#onError(error)
            this.#resume()
          },
        )
        return
      }
      task = this.#next()
    }
    this.#busy = false
  }

  #next(): (() => unknown) | undefined {
    if (this.#head === this.#pending.length) {
      if (this.#head > 0) (this.#pending = []), (this.#head = 0)
      return undefined
    }
    const task = this.#pending[this.#head]
    this.#pending[this.#head++] = undefined // release the closure as soon as it runs
    return task
  }

  #resume(): void {
    const task = this.#next()
    if (task === undefined) this.#busy = false
    else this.#drain(task)
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as PromiseLike<unknown>).then === 'function'
}
