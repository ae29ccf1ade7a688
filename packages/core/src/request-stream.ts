import { connectionInternals as internals, type ConnectionImpl } from './connection.js'
import { report } from './connection-policy.js'
import type { ChunksSchema } from './chunks-schema.js'
import { WsError } from './errors.js'
import { chunkFrame, replyFrame, type RequestFrame } from './request-frames.js'
import type { RequestScope } from './instrumentation.js'
import type { PeerRequests } from './request-peer.js'
import type { AnyRequestDefinition } from './requests-types.js'
import { StreamCredit } from './stream-credit.js'
import { validate } from './validation.js'

/** The window when the asker sends none (a plain WebSocket client that did not read the docs). */
export const DEFAULT_STREAM_WINDOW = 16

/** How often a stream held by the socket's backpressure looks at `bufferedAmount` again (not every runtime reports drain). */
const BACKPRESSURE_POLL_MS = 10

/**
 * Runs a streaming request (`output: chunks(schema)`): validates the input, pulls the handler's
 * async iterable one chunk at a time, checks each chunk like a reply and sends it, then ends the
 * stream with a reply frame (no data) or an error reply. It pulls only while the asker has credit
 * (stream-credit.ts) and the socket's `bufferedAmount` is under half the route's
 * `backpressureLimit`, so neither a slow reader nor a slow network makes the server buffer the
 * stream. A cancel or close aborts `signal`, which stops the loop and calls the iterator's
 * `return()` (an async generator's `finally` runs). Resolves with the last frame to send, or the
 * error to end it with (the caller frames it, after telling the request's instrumentation `scope`).
 */
export async function streamReply(
  connection: ConnectionImpl,
  definition: AnyRequestDefinition,
  frame: RequestFrame,
  signal: AbortSignal,
  peer: PeerRequests,
  scope: RequestScope | undefined,
): Promise<string | WsError> {
  const id = frame.id
  const credit = new StreamCredit(frame.w ?? DEFAULT_STREAM_WINDOW)
  let iterator: AsyncIterator<unknown> | undefined
  const stop = (): void => {
    credit.stop()
    void Promise.resolve(iterator?.return?.()).catch(() => undefined)
  }
  signal.addEventListener('abort', stop, { once: true })
  peer.streams.set(id, credit)
  try {
    const input = await validate(definition.input, frame.d)
    if (!input.ok) {
      report(connection, input.error)
      return input.error
    }
    const source: unknown = await definition.handler(input.value as never, connection as never, { signal, id })
    if (!isAsyncIterable(source))
      throw new WsError('INTERNAL', `[wsbridge] the handler of stream request "${frame.n}" returned no async iterable`)
    iterator = source[Symbol.asyncIterator]()
    if (signal.aborted) stop()
    const schema = (definition.output as ChunksSchema)['~chunks']
    const site = internals.site(connection)
    for (;;) {
      await ready(connection, credit, signal, site.limits.backpressureLimit)
      if (signal.aborted) throw signal.reason
      const step = await iterator.next()
      if (signal.aborted) throw signal.reason
      if (step.done) return replyFrame(id, undefined)
      if (site.route.validateOutput !== false) {
        const checked = await validate(schema, step.value, 'OUTPUT_VALIDATION_FAILED')
        if (!checked.ok) {
          report(connection, checked.error)
          stop()
          // The issues describe the server's own data: reported, never sent.
          return new WsError('OUTPUT_VALIDATION_FAILED')
        }
      }
      credit.take()
      internals.sendFrame(connection, chunkFrame(id, step.value))
      scope?.chunk?.()
    }
  } catch (thrown) {
    const error = WsError.from(thrown)
    if (!(signal.aborted && thrown === signal.reason)) report(connection, error)
    return error
  } finally {
    signal.removeEventListener('abort', stop)
    if (peer.streams.get(id) === credit) peer.streams.delete(id)
  }
}

/** Waits for credit, then for the socket's buffer to fall under half the backpressure limit (or for the abort). */
async function ready(connection: ConnectionImpl, credit: StreamCredit, signal: AbortSignal, limit: number): Promise<void> {
  await credit.wait()
  const highWater = limit > 0 && Number.isFinite(limit) ? limit / 2 : 1024 * 1024
  const transport = internals.transport(connection)
  while (!signal.aborted && transport.bufferedAmount > highWater) {
    await new Promise((resolve) => setTimeout(resolve, BACKPRESSURE_POLL_MS))
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  )
}
