/** A set whose emptiness can be awaited: graceful shutdown waits on the connections whose onClose has not finished. */
export class PendingSet<T> {
  readonly #items: Set<T> = new Set()
  #waiters: (() => void)[] = []

  get size(): number {
    return this.#items.size
  }

  add(item: T): void {
    this.#items.add(item)
  }

  delete(item: T): void {
    if (!this.#items.delete(item) || this.#items.size > 0) return
    const waiters = this.#waiters
    this.#waiters = []
    for (const resolve of waiters) resolve()
  }

  /** Resolves when the set is empty, or after `timeout` ms, whichever comes first. */
  empty(timeout: number): Promise<void> {
    if (this.#items.size === 0) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeout)
      this.#waiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  }
}
