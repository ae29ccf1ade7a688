import { backoffDelay } from './backoff.js'
import { retryWindowOf } from '../restart-window.js'
import { willReconnect } from './policy.js'
import type { ClientOptions } from './types.js'

/**
 * When a client connection tries again: the failed attempts since the last open socket, and the one
 * pending retry timer. The count resets on every open, so `maxAttempts` and the backoff measure
 * consecutive failures, not every reconnect in the connection's life.
 */
export class ReconnectSchedule {
  readonly #options: ClientOptions
  #failures = 0
  #timer: ReturnType<typeof setTimeout> | undefined
  /** The restart window the last close announced (1012), used for the next attempt only. */
  #window: number | undefined

  constructor(options: ClientOptions) {
    this.#options = options
  }

  /**
   * Whether a close the client did not ask for leads to another attempt (policy.ts). A restart close
   * (1012) also names the window the next attempt waits in.
   */
  allows(code: number, reason: string): boolean {
    this.#window = retryWindowOf(code, reason)
    return willReconnect(this.#options, this.#failures, code, reason)
  }

  /** A socket opened: the next failure starts the backoff again from the first delay. */
  succeeded(): void {
    this.#failures = 0
  }

  /**
   * Runs `attempt` after the backoff delay for the failures so far, which then count one more; after
   * a restart close, at a uniformly random moment of the server's window instead (full jitter), so
   * the clients of one stopped instance arrive spread over the window, not all at once.
   */
  schedule(attempt: () => void): void {
    const reconnect = this.#options.reconnect === false ? {} : this.#options.reconnect
    const window = this.#window
    this.#window = undefined
    const delay = window === undefined ? backoffDelay(this.#failures, reconnect) : Math.floor((reconnect?.random ?? Math.random)() * window)
    this.#failures++
    this.#timer = setTimeout(attempt, delay)
  }

  cancel(): void {
    clearTimeout(this.#timer)
  }
}
