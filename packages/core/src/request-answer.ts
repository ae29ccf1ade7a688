import { connectionInternals as internals, type ConnectionImpl } from './connection.js'
import { report } from './connection-policy.js'
import { WsError } from './errors.js'
import type { RequestScope } from './instrumentation.js'
import { dedupeKey } from './request-dedupe.js'
import { dedupe, detach, windowOf } from './request-dedupe-flow.js'
import { errorReplyFrame, replyFrame, type RequestFrame } from './request-frames.js'
import { isChunksSchema } from './chunks-schema.js'
import { peerOf, release } from './request-peer.js'
import { RequestRun, requestRuns } from './request-run.js'
import { streamReply } from './request-stream.js'
import type { AnyRequestDefinition } from './requests-types.js'
import { validate, type ValidationResult } from './validation.js'
import { isThenable } from './thenable.js'

/**
 * Answers one request from the client: the route's `requests` entry validates the input, runs the
 * handler with an AbortSignal, checks the reply against `output` and sends a reply or an error
 * reply. Handlers run concurrently: the connection's queue only orders their start, so a slow
 * request never holds up the messages behind it. When the schemas answer synchronously and the
 * handler returns a plain value, a request without a session id is replied to before this returns:
 * no promise, no microtask and no AbortSignal (the context makes one only when the handler reads
 * it). A request with a session id goes through the bridge's dedupe window
 * (request-dedupe-flow.ts), so a resend runs its handler at most once.
 */
export function answer(connection: ConnectionImpl, frame: RequestFrame): undefined {
  const site = internals.site(connection)
  const requests = site.route.requests
  const definition = requests && Object.hasOwn(requests, frame.n) ? requests[frame.n] : undefined
  if (definition === undefined) {
    const error = new WsError('UNKNOWN_REQUEST', `Unknown request ${JSON.stringify(frame.n.slice(0, 64))}`)
    report(connection, error)
    internals.sendFrame(connection, errorReplyFrame(frame.id, error))
    return undefined
  }
  const peer = peerOf(connection)
  const streaming = isChunksSchema(definition.output)
  const scope = site.instrumentation?.request?.(connection, frame.n, streaming)
  // A stream is not replayable: it is never deduped (the typed client does not resend one either).
  if (streaming) return runStream(connection, definition, frame, scope)
  const session = frame.s
  // Without a session id: a duplicate id on this connection while its handler runs is ignored.
  if (session === undefined) {
    if (peer.running.has(frame.id)) {
      scope?.end('replayed', undefined)
      return undefined
    }
    const run = new RequestRun(frame.id)
    peer.running.set(frame.id, run)
    const settle = (result: Answer): void => {
      release(peer, run)
      const reply = framed(frame.id, result, run, scope)
      if (!requestRuns.aborted(run)) internals.sendFrame(connection, reply)
    }
    const result = respond(connection, definition, frame, run)
    if (result instanceof Promise) void result.then(settle)
    else settle(result)
    return undefined
  }
  const run = new RequestRun(frame.id)
  peer.running.set(frame.id, run)
  const window = windowOf(site.host)
  const key = dedupeKey(site.name, session, frame.id)
  const target = (reply: string): void => {
    release(peer, run)
    internals.sendFrame(connection, reply)
  }
  dedupe(
    window,
    { key, route: site.name, session, id: frame.id },
    {
      aborted: () => requestRuns.aborted(run),
      send: target,
      // Settles a microtask later even when the handler answered at once: a resend in the same read
      // as its original (a client flushing its queue twice) then finds it running and waits for the
      // one reply. A cancelled request's reply goes nowhere; after a close it is kept for the resend.
      run: () =>
        Promise.resolve(respond(connection, definition, frame, run)).then((result) => {
          release(peer, run)
          const reply = framed(frame.id, result, run, scope)
          if (isCancel(requestRuns.reason(run))) detach(window, key, target)
          return reply
        }),
      failed: (error) => report(connection, error),
      replayed: () => scope?.end('replayed', undefined),
      // Cancelled while another instance ran it: no reply will come to release it.
      dropped: () => {
        release(peer, run)
        framed(frame.id, WsError.from(requestRuns.reason(run)), run, scope)
      },
    },
  )
  return undefined
}

function runStream(
  connection: ConnectionImpl,
  definition: AnyRequestDefinition,
  frame: RequestFrame,
  scope: RequestScope | undefined,
): undefined {
  const peer = peerOf(connection)
  if (peer.running.has(frame.id)) {
    scope?.end('replayed', undefined)
    return undefined
  }
  const run = new RequestRun(frame.id)
  peer.running.set(frame.id, run)
  // A stream listens to its signal (its loop stops on abort), so it makes it at once.
  void streamReply(connection, definition, frame, run.signal, peer, scope).then((last) => {
    release(peer, run)
    const reply = framed(frame.id, last, run, scope)
    if (!requestRuns.aborted(run)) internals.sendFrame(connection, reply)
  })
  return undefined
}

/** The reply frame, or the error to answer with: framed by the caller, once instrumentation has read it. */
type Answer = string | WsError

/** Ends the request's scope with its outcome and frames an error answer as an error reply. */
function framed(id: number, result: Answer, run: RequestRun, scope: RequestScope | undefined): string {
  if (typeof result === 'string') {
    scope?.end('ok', undefined)
    return result
  }
  scope?.end(requestRuns.aborted(run) && result === requestRuns.reason(run) ? 'cancelled' : 'error', result)
  return errorReplyFrame(id, result)
}

/**
 * The answer to one request: input validated, handler run, output checked. Each step goes on
 * synchronously while the one before answered synchronously (as `await` would, minus its microtask);
 * from the first promise on, the rest follows it. Never throws or rejects: a failure is an error answer.
 */
function respond(
  connection: ConnectionImpl,
  definition: AnyRequestDefinition,
  frame: RequestFrame,
  run: RequestRun,
): Answer | Promise<Answer> {
  try {
    const input = validate(definition.input, frame.d)
    const reply =
      input instanceof Promise
        ? input.then((checked) => handle(connection, definition, frame, run, checked))
        : handle(connection, definition, frame, run, input)
    return reply instanceof Promise ? reply.then(undefined, (thrown: unknown) => failed(connection, run, thrown)) : reply
  } catch (thrown) {
    return failed(connection, run, thrown)
  }
}

function handle(
  connection: ConnectionImpl,
  definition: AnyRequestDefinition,
  frame: RequestFrame,
  run: RequestRun,
  input: ValidationResult,
): Answer | Promise<Answer> {
  if (!input.ok) {
    report(connection, input.error)
    return input.error
  }
  const result: unknown = definition.handler(input.value as never, connection as never, run)
  return isThenable(result)
    ? Promise.resolve(result).then((reply) => checkOutput(connection, definition, frame, reply))
    : checkOutput(connection, definition, frame, result)
}

function checkOutput(
  connection: ConnectionImpl,
  definition: AnyRequestDefinition,
  frame: RequestFrame,
  reply: unknown,
): Answer | Promise<Answer> {
  if (internals.site(connection).route.validateOutput === false) return replyFrame(frame.id, reply)
  const checked = validate(definition.output, reply, 'OUTPUT_VALIDATION_FAILED')
  return checked instanceof Promise
    ? checked.then((result) => outputChecked(connection, frame, reply, result))
    : outputChecked(connection, frame, reply, checked)
}

function outputChecked(connection: ConnectionImpl, frame: RequestFrame, reply: unknown, checked: ValidationResult): Answer {
  if (checked.ok) return replyFrame(frame.id, reply)
  report(connection, checked.error)
  // The issues describe the server's own data: reported, never sent.
  return new WsError('OUTPUT_VALIDATION_FAILED')
}

function failed(connection: ConnectionImpl, run: RequestRun, thrown: unknown): WsError {
  const error = WsError.from(thrown)
  // A handler giving up because its signal aborted (cancel, close) is not an error to report.
  if (!(requestRuns.aborted(run) && thrown === requestRuns.reason(run))) report(connection, error)
  return error
}

function isCancel(reason: unknown): boolean {
  return reason instanceof WsError && reason.code === 'REQUEST_CANCELLED'
}
