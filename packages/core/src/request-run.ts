import type { RequestContext } from './requests-types.js'

/** What core may do with a run. Its state is private: a handler holding its context cannot abort it. */
export interface RunAccess {
  /** Aborts the run (a cancel, a close): its signal, now or whenever the handler first reads it. */
  abort(run: RequestRun, reason: unknown): void
  aborted(run: RequestRun): boolean
  reason(run: RequestRun): unknown
}

/** Filled in by RequestRun's static block (the only code that can read its private fields). */
export let requestRuns: RunAccess

/**
 * One client request a handler is answering, and the handler's `RequestContext`: its id, and the
 * AbortSignal a cancel or a close aborts. The signal is made the first time the handler reads it.
 * On Node an AbortSignal is an EventTarget whose prototype is swapped after construction, with its
 * own Map of listeners: each one takes the runtime's slow path for new object shapes, and making
 * one for every request cost more than the rest of the request's dispatch (docs/benchmarks.md,
 * finding 20), while most handlers never read it. A signal read after the run was aborted starts
 * out aborted, with the same reason.
 */
export class RequestRun implements RequestContext {
  readonly id: number
  #controller: AbortController | undefined = undefined
  #aborted = false
  #reason: unknown = undefined

  constructor(id: number) {
    this.id = id
  }

  get signal(): AbortSignal {
    let controller = this.#controller
    if (controller === undefined) {
      controller = this.#controller = new AbortController()
      if (this.#aborted) controller.abort(this.#reason)
    }
    return controller.signal
  }

  static {
    requestRuns = {
      abort(run, reason) {
        if (run.#aborted) return
        run.#aborted = true
        run.#reason = reason
        run.#controller?.abort(reason)
      },
      aborted: (run) => run.#aborted,
      reason: (run) => run.#reason,
    }
  }
}
