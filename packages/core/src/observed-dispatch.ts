import type { ConnectionImpl } from './connection.js'
import { WsError } from './errors.js'
import { dispatching, type MessageScope } from './instrumentation.js'

/** One observed message on its way through the connection's queue. */
export interface ObservedJob {
  readonly text: string
  readonly scope: MessageScope
  type: string | undefined
}

/**
 * Runs `dispatch` for an observed message (a bridge with `instrumentation`) and ends its scope once
 * the handler settles, with the `type` the typed dispatcher recorded. A throw or rejection still
 * reaches the queue's failure policy unchanged. Only instrumented bridges come here: the
 * uninstrumented path queues `dispatch` itself and allocates nothing.
 */
export function observedDispatch(
  connection: ConnectionImpl,
  job: ObservedJob,
  dispatch: (connection: ConnectionImpl, text: string) => unknown,
): unknown {
  let result: unknown
  job.scope.started?.()
  dispatching.job = job
  try {
    result = dispatch(connection, job.text)
  } catch (error) {
    job.scope.end(job.type, WsError.from(error))
    throw error
  } finally {
    dispatching.job = undefined
  }
  if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
    return Promise.resolve(result).then(
      (value) => {
        job.scope.end(job.type, undefined)
        return value
      },
      (error: unknown) => {
        job.scope.end(job.type, WsError.from(error))
        throw error
      },
    )
  }
  job.scope.end(job.type, undefined)
  return result
}
