/**
 * A case's time limit, with the clock stopped while a host process starts: how long a runtime takes
 * to boot (a cold compile, a loaded machine) is not the behaviour a case times. Pauses may overlap.
 */
export class CaseDeadline {
  readonly expired: Promise<never>
  #reject: (error: Error) => void = () => undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #remaining: number
  #startedAt = 0
  #pauses = 0
  readonly #message: string

  constructor(ms: number, name: string) {
    this.#remaining = ms
    this.#message = `case "${name}" timed out after ${ms}ms (not counting host starts)`
    this.expired = new Promise<never>((_, reject) => {
      this.#reject = reject
    })
    // Nobody may await `expired` once the case has settled: the rejection is not an unhandled one.
    this.expired.catch(() => undefined)
    this.#run()
  }

  /** Stops the clock until the returned function is called. */
  pause(): () => void {
    if (this.#pauses++ === 0) {
      clearTimeout(this.#timer)
      this.#remaining -= Date.now() - this.#startedAt
    }
    let resumed = false
    return () => {
      if (resumed) return
      resumed = true
      if (--this.#pauses === 0) this.#run()
    }
  }

  clear(): void {
    clearTimeout(this.#timer)
    this.#pauses = Number.POSITIVE_INFINITY
  }

  #run(): void {
    this.#startedAt = Date.now()
    this.#timer = setTimeout(() => this.#reject(new Error(this.#message)), Math.max(0, this.#remaining))
  }
}

/** Runs `work` within `deadline`; the deadline is cleared either way. */
export function withinDeadline(work: Promise<void>, deadline: CaseDeadline): Promise<void> {
  return Promise.race([work, deadline.expired]).finally(() => deadline.clear())
}
