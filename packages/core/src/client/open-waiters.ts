/** Callers of `opened()` waiting for the connection to be open: resolved on open, rejected on the final close. */
export class OpenWaiters {
  #waiters: { resolve: () => void; reject: (error: Error) => void }[] = []

  /** `opened()`: settled at once unless the connection is on its way to open. */
  wait(state: string): Promise<void> {
    if (state === 'open') return Promise.resolve()
    if (state === 'closed' || state === 'closing') return Promise.reject(new Error('[wsbridge] connection is closed'))
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }))
  }

  resolve(): void {
    for (const waiter of this.#waiters.splice(0)) waiter.resolve()
  }

  reject(error: Error): void {
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error)
  }
}
