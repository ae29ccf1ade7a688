import { emitError, toError } from './policy.js'
import type { QueuedFrame } from './send-queue.js'
import type { WebSocketLike } from './socket.js'
import type { SendStatus } from './types.js'

const OPEN = 1

/** What `onRestore` gets for one freshly opened socket. */
export interface RestoreContext<TClient> {
  /** 0 on the first open, then the number this reconnect will count as once restored. */
  readonly reconnects: number
  /** Writes straight to the new socket, ahead of every queued message. `'dropped'` once the socket is gone. */
  send(message: TClient): SendStatus
  /** A binary frame, ahead of the queue like `send`. */
  sendBinary(data: ArrayBuffer | ArrayBufferView): SendStatus
  /** Aborted when this socket closes (or the connection is closed) before the restore finished. */
  readonly signal: AbortSignal
}

/**
 * Brings a new socket back to the state the application's queued messages assume (joins,
 * subscriptions, a selected document): sent on every open, the first included, before the
 * connection counts as open. Return a promise to hold the queue until it settles (for example
 * until the server confirmed a join); a throw or rejection drops the socket and reconnects.
 */
export type RestoreHook<TClient> = (context: RestoreContext<TClient>) => void | PromiseLike<void>

interface RestoreOptions {
  readonly onRestore?: RestoreHook<never> | undefined
  readonly onError?: ((error: Error) => void) | undefined
}

/**
 * The step between a socket opening and the connection counting as open. While it runs the
 * connection is still (re)connecting, so the application's own `send` calls keep queueing behind
 * the restore's frames and nothing overtakes them. Without `onRestore` the socket is ready at once.
 */
export class RestoreStep {
  #running: AbortController | undefined

  /**
   * Runs `options.onRestore` for `socket`, then calls `ready`. A hook that throws or rejects closes
   * the socket (4000) instead: its close event then takes the usual reconnect path.
   */
  start(socket: WebSocketLike, options: RestoreOptions, reconnects: number, ready: () => void): void {
    this.cancel()
    // Read at each open, as every other handler is.
    const hook = options.onRestore as RestoreHook<unknown> | undefined
    if (!hook) return ready()
    const running = new AbortController()
    this.#running = running
    const write = (frame: QueuedFrame): SendStatus => {
      if (running.signal.aborted || socket.readyState !== OPEN) return 'dropped'
      socket.send(frame)
      return 'sent'
    }
    const context: RestoreContext<unknown> = {
      reconnects,
      signal: running.signal,
      send: (message) => write(JSON.stringify(message) ?? 'null'),
      sendBinary: (data) => write(data),
    }
    const settle = (failure?: { readonly error: unknown }): void => {
      // A restore that outlived its socket settles into nothing: the next open runs its own.
      if (running.signal.aborted || this.#running !== running || socket.readyState !== OPEN) return
      this.#running = undefined
      if (!failure) return ready()
      // Flushing the queue into a half-restored session is what this step exists to prevent.
      emitError(options.onError, toError(failure.error ?? 'onRestore failed'))
      socket.close(4000, 'Restore failed')
    }
    let result: void | PromiseLike<void>
    try {
      result = hook(context)
    } catch (error) {
      return settle({ error })
    }
    if (!isPromiseLike(result)) return settle()
    result.then(
      () => settle(),
      (error: unknown) => settle({ error }),
    )
  }

  /** The socket closed or was abandoned: a restore still running no longer matters. */
  cancel(): void {
    this.#running?.abort()
    this.#running = undefined
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<void> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function'
}
