/** A unit of work for a connection: called with the queue (the connection) and the argument it was queued with. */
export type QueuedTask<O, A> = (owner: O, arg: A) => unknown

/**
 * Runs a connection's handler calls one after another, in arrival order, awaiting async ones.
 * Sync handlers run inline with no promise allocated, so the common case costs one branch. Tasks
 * take the owner and one argument, so the per-message path can pass a shared function instead of
 * allocating a closure per message.
 *
 * A base class rather than an object the connection holds: ConnectionImpl extends ConnectionGuard
 * extends SerialQueue, so a connection's queue, safety state and own fields are one object (idle
 * memory per connection: each separate object costs a header, a back-pointer and size-class slack).
 */
export abstract class SerialQueue {
  // A flat FIFO of (task, arg) pairs read from #head: Array#shift is O(n), which made a backlog of n
  // tasks cost O(n²). Allocated on first use: most connections never queue anything.
  #pending: unknown[] | undefined
  // -1 while idle. While a task runs: where the next (task, arg) pair is in #pending. One field
  // for both, as every field is paid for by every connection.
  #head = -1

  /** What a task threw or rejected with (the queue goes on with the next task). */
  protected abstract taskFailed(error: unknown): void

  /** True while no task is running or waiting. */
  get idle(): boolean {
    return this.#head < 0
  }

  run<A>(task: QueuedTask<this, A>, arg?: A): void {
    if (this.#head >= 0) (this.#pending ??= []).push(task, arg)
    else this.#drain(task as QueuedTask<this, unknown>, arg)
  }

  // Iterative, so a long run of sync tasks queued behind an async one cannot grow the stack.
  #drain(first: QueuedTask<this, unknown>, firstArg: unknown): void {
    let task: QueuedTask<this, unknown> | undefined = first
    let arg = firstArg
    if (this.#head < 0) this.#head = 0
    while (task !== undefined) {
      let result: unknown
      try {
        result = task(this, arg)
      } catch (error) {
        this.taskFailed(error)
        result = undefined
      }
      if (isThenable(result)) {
        result.then(
          () => this.#resume(),
          (error: unknown) => {
            this.taskFailed(error)
            this.#resume()
          },
        )
        return
      }
      // The usual case: nothing was queued while the task ran.
      if (this.#pending === undefined) break
      ;[task, arg] = this.#next()
    }
    this.#head = -1
  }

  #next(): [QueuedTask<this, unknown> | undefined, unknown] {
    const pending = this.#pending
    if (pending === undefined || this.#head === pending.length) {
      this.#pending = undefined
      return NOTHING
    }
    const task = pending[this.#head] as QueuedTask<this, unknown>
    const arg = pending[this.#head + 1]
    // Release the task and its argument as soon as they run.
    pending[this.#head++] = undefined
    pending[this.#head++] = undefined
    return [task, arg]
  }

  #resume(): void {
    const [task, arg] = this.#next()
    if (task === undefined) this.#head = -1
    else this.#drain(task, arg)
  }
}

const NOTHING: [undefined, undefined] = [undefined, undefined]

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as PromiseLike<unknown>).then === 'function'
}
