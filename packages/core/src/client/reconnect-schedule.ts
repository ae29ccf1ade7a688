import { backoffDelay } from './backoff.js'
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

  constructor(options: ClientOptions) {
    this.#options = options
  }

  /** Whether a close the client did not ask for leads to another attempt (policy.ts). */
  allows(code: number, reason: string): boolean {
    return willReconnect(this.#options, this.#failures, code, reason)
  }

  /** A socket opened: the next failure starts the backoff again from the first delay. */
  succeeded(): void {
    this.#failures = 0
  }

  /** Runs `attempt` after the backoff delay for the failures so far, which then count one more. */
  schedule(attempt: () => void): void {
    const reconnect = this.#options.reconnect
    const delay = backoffDelay(this.#failures, reconnect === false ? {} : reconnect)
    this.#failures++
    this.#timer = setTimeout(attempt, delay)
  }

  cancel(): void {
    clearTimeout(this.#timer)
  }
}
