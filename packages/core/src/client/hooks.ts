import { emitError, toError } from './policy.js'
import type { ConnectionHandlers } from './types.js'

/**
 * Where the client's state machine calls user code. A hook that throws must not stop a transition
 * half-way, so what it throws goes to onError, and what onError throws is logged (policy.ts).
 * onError is read at each call, as every other hook is.
 */
export class Hooks {
  readonly #handlers: Pick<ConnectionHandlers<unknown>, 'onError'>

  constructor(handlers: Pick<ConnectionHandlers<unknown>, 'onError'>) {
    this.#handlers = handlers
  }

  /** Runs a user callback; what it throws is reported, never rethrown. */
  call(callback: () => unknown): void {
    try {
      callback()
    } catch (error) {
      this.error(toError(error))
    }
  }

  /** Hands `error` to the user's onError, if any. */
  error(error: Error): void {
    emitError(this.#handlers.onError, error)
  }
}
