import { isThenable } from './thenable.js'

/** A unit of work for a queue's owner: called with the owner and the argument it was queued with. */
export type QueuedTask<O, A> = (owner: O, arg: A) => unknown

/** Where a task's throw or rejection goes (the queue goes on with the next task). */
export type TaskFailed<O> = (owner: O, error: unknown) => void

/** What core may do with a queue. Its members are private: user code holding the owner cannot reach them. */
export interface QueueAccess {
  /** Runs `task(owner, arg)` now if nothing is running, otherwise after everything queued before it. */
  run<O extends SerialQueue, A>(owner: O, task: QueuedTask<O, A>, arg: A, failed: TaskFailed<O>): void
  /** True while no task is running or waiting. */
  idle(owner: SerialQueue): boolean
}

/** Filled in by SerialQueue's static block (the only code that can read its private fields). */
export let serialQueue: QueueAccess

type AnyTask = QueuedTask<SerialQueue, unknown>
type AnyFailed = TaskFailed<SerialQueue>

/**
 * Runs a connection's handler calls one after another, in arrival order, awaiting async ones.
 * Sync handlers run inline with no promise allocated, so the common case costs one branch. Tasks
 * take the owner and one argument, so the per-message path can pass a shared function instead of
 * allocating a closure per message.
 *
 * A base class rather than an object the connection holds: ConnectionImpl extends ConnectionGuard
 * extends SerialQueue, so a connection's queue, safety state and own fields are one object (idle
 * memory per connection: each separate object costs a header, a back-pointer and size-class slack).
 * It has no public members and no private instance methods (V8 gives every instance of a class with
 * private methods an extra 8-byte brand field): its logic is static and reached through `serialQueue`.
 */
export class SerialQueue {
  // A flat FIFO of (task, arg) pairs read from #head: Array#shift is O(n), which made a backlog of n
  // tasks cost O(n²). Allocated on first use: most connections never queue anything.
  #pending: unknown[] | undefined
  // -1 while idle. While a task runs: where the next (task, arg) pair is in #pending. One field
  // for both, as every field is paid for by every connection.
  #head = -1

  static {
    serialQueue = {
      run(owner, task, arg, failed) {
        if (owner.#head >= 0) (owner.#pending ??= []).push(task, arg)
        else SerialQueue.#drain(owner, task as AnyTask, arg, failed as AnyFailed)
      },
      idle: (owner) => owner.#head < 0,
    }
  }

  // Iterative, so a long run of sync tasks queued behind an async one cannot grow the stack.
  static #drain(queue: SerialQueue, first: AnyTask, firstArg: unknown, failed: AnyFailed): void {
    let task: AnyTask | undefined = first
    let arg = firstArg
    if (queue.#head < 0) queue.#head = 0
    while (task !== undefined) {
      let result: unknown
      try {
        result = task(queue, arg)
      } catch (error) {
        failed(queue, error)
        result = undefined
      }
      if (isThenable(result)) {
        result.then(
          () => SerialQueue.#resume(queue, failed),
          (error: unknown) => {
            failed(queue, error)
            SerialQueue.#resume(queue, failed)
          },
        )
        return
      }
      // The usual case: nothing was queued while the task ran.
      if (queue.#pending === undefined) break
      ;[task, arg] = SerialQueue.#next(queue)
    }
    queue.#head = -1
  }

  static #next(queue: SerialQueue): [AnyTask | undefined, unknown] {
    const pending = queue.#pending
    if (pending === undefined || queue.#head === pending.length) {
      queue.#pending = undefined
      return NOTHING
    }
    const task = pending[queue.#head] as AnyTask
    const arg = pending[queue.#head + 1]
    // Release the task and its argument as soon as they run.
    pending[queue.#head++] = undefined
    pending[queue.#head++] = undefined
    return [task, arg]
  }

  static #resume(queue: SerialQueue, failed: AnyFailed): void {
    const [task, arg] = SerialQueue.#next(queue)
    if (task === undefined) queue.#head = -1
    else SerialQueue.#drain(queue, task, arg, failed)
  }
}

const NOTHING: [undefined, undefined] = [undefined, undefined]
