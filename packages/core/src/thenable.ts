/** Whether a handler's or hook's result is a promise (or any thenable) to wait for, rather than its value. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && typeof (value as PromiseLike<unknown> | null)?.then === 'function'
}
