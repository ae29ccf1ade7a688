import { connectionInternals as internals, type ConnectionImpl } from './connection.js'
import { report } from './connection-policy.js'
import { WsError } from './errors.js'
import type { RequestScope } from './instrumentation.js'
import { dedupeKey } from './request-dedupe.js'
import { dedupe, detach, windowOf } from './request-dedupe-flow.js'
import { errorReplyFrame, replyFrame, type RequestFrame } from './request-frames.js'
import { isChunksSchema } from './chunks-schema.js'
import { peerOf } from './request-peer.js'
import { streamReply } from './request-stream.js'
import type { AnyRequestDefinition } from './requests-types.js'
import { validate } from './validation.js'

/**
 * Answers one request from the client: the route's `requests` entry validates the input, runs the
 * handler with an AbortSignal, checks the reply against `output` and sends a reply or an error
 * reply. Handlers run concurrently: the connection's queue only orders their start, so a slow
 * request never holds up the messages behind it. A request with a session id goes through the
 * bridge's dedupe window (request-dedupe-flow.ts), so a resend runs its handler at most once.
 */
export function answer(connection: ConnectionImpl, frame: RequestFrame): undefined {
  const site = internals.site(connection)
  const requests = site.route.requests
  const definition = requests && Object.hasOwn(requests, frame.n) ? requests[frame.n] : undefined
  const send = (reply: string): void => void internals.sendFrame(connection, reply)
  if (definition === undefined) {
    const error = new WsError('UNKNOWN_REQUEST', `Unknown request ${JSON.stringify(frame.n.slice(0, 64))}`)
    report(connection, error)
    send(errorReplyFrame(frame.id, error))
    return undefined
  }
  const peer = peerOf(connection)
  const streaming = isChunksSchema(definition.output)
  const scope = site.instrumentation?.request?.(connection, frame.n, streaming)
  // A stream is not replayable: it is never deduped (the typed client does not resend one either).
  if (streaming) return runStream(connection, definition, frame, scope)
  const session = frame.s
  // Without a session id: a duplicate id on this connection while its handler runs is ignored.
  if (session === undefined && peer.running.has(frame.id)) {
    scope?.end('replayed', undefined)
    return undefined
  }
  const controller = new AbortController()
  peer.running.set(frame.id, controller)
  const signal = controller.signal
  // The handler's result as the reply frame to send, once it is no longer running here.
  const finish = (result: string | WsError): string => {
    if (peer.running.get(frame.id) === controller) peer.running.delete(frame.id)
    if (scope) scope.end(outcomeOf(result, signal), typeof result === 'string' ? undefined : result)
    return typeof result === 'string' ? result : errorReplyFrame(frame.id, result)
  }
  if (session === undefined) {
    void respond(connection, definition, frame, signal).then((result) => {
      const reply = finish(result)
      if (!signal.aborted) send(reply)
    })
    return undefined
  }
  const window = windowOf(site.host)
  const key = dedupeKey(site.name, session, frame.id)
  const target = (reply: string): void => {
    if (peer.running.get(frame.id) === controller) peer.running.delete(frame.id)
    send(reply)
  }
  dedupe(
    window,
    { key, route: site.name, session, id: frame.id },
    {
      signal,
      send: target,
      // A cancelled request's reply goes nowhere; after a close it is kept for the client's resend.
      run: () =>
        respond(connection, definition, frame, signal).then((result) => {
          const reply = finish(result)
          if (isCancel(signal.reason)) detach(window, key, target)
          return reply
        }),
      failed: (error) => report(connection, error),
      replayed: () => scope?.end('replayed', undefined),
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
  const controller = new AbortController()
  const signal = controller.signal
  peer.running.set(frame.id, controller)
  void streamReply(connection, definition, frame, signal, peer, scope).then((last) => {
    if (peer.running.get(frame.id) === controller) peer.running.delete(frame.id)
    if (scope) scope.end(outcomeOf(last, signal), typeof last === 'string' ? undefined : last)
    if (!signal.aborted) internals.sendFrame(connection, typeof last === 'string' ? last : errorReplyFrame(frame.id, last))
  })
  return undefined
}

/** The reply frame, or the error to answer with (the caller frames it: instrumentation reads it first). */
async function respond(connection: ConnectionImpl, definition: AnyRequestDefinition, frame: RequestFrame, signal: AbortSignal) {
  try {
    const input = await validate(definition.input, frame.d)
    if (!input.ok) {
      report(connection, input.error)
      return input.error
    }
    const reply = await definition.handler(input.value as never, connection as never, { signal, id: frame.id })
    if (internals.site(connection).route.validateOutput !== false) {
      const checked = await validate(definition.output, reply, 'OUTPUT_VALIDATION_FAILED')
      if (!checked.ok) {
        report(connection, checked.error)
        // The issues describe the server's own data: reported, never sent.
        return new WsError('OUTPUT_VALIDATION_FAILED')
      }
    }
    return replyFrame(frame.id, reply)
  } catch (thrown) {
    const error = WsError.from(thrown)
    // A handler giving up because its signal aborted (cancel, close) is not an error to report.
    if (!(signal.aborted && thrown === signal.reason)) report(connection, error)
    return error
  }
}

function isCancel(reason: unknown): boolean {
  return reason instanceof WsError && reason.code === 'REQUEST_CANCELLED'
}

function outcomeOf(result: string | WsError, signal: AbortSignal): 'ok' | 'error' | 'cancelled' {
  if (typeof result === 'string') return 'ok'
  return signal.aborted && result === signal.reason ? 'cancelled' : 'error'
}
