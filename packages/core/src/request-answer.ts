import { connectionInternals as internals, type ConnectionImpl } from './connection.js'
import { report } from './connection-policy.js'
import { WsError } from './errors.js'
import { dedupeKey, ReplyMemory } from './request-dedupe.js'
import { errorReplyFrame, replyFrame, type RequestFrame } from './request-frames.js'
import { isChunksSchema } from './chunks-schema.js'
import { peerOf, type PeerRequests } from './request-peer.js'
import { RequestRun, requestRuns } from './request-run.js'
import { streamReply } from './request-stream.js'
import type { AnyRequestDefinition } from './requests-types.js'
import { validate, type ValidationResult } from './validation.js'

/** One reply memory per bridge (keyed by the bridge's connection host), created when a session first asks. */
const memories: WeakMap<object, ReplyMemory> = new WeakMap()

function memoryOf(host: object): ReplyMemory {
  let memory = memories.get(host)
  if (memory === undefined) memories.set(host, (memory = new ReplyMemory()))
  return memory
}

/**
 * Answers one request from the client: the route's `requests` entry validates the input, runs the
 * handler with an AbortSignal, checks the reply against `output` and sends a reply or an error
 * reply. Handlers run concurrently: the connection's queue only orders their start, so a slow
 * request never holds up the messages behind it. When the schemas answer synchronously and the
 * handler returns a plain value, the reply is built and sent before this returns: no promise, no
 * microtask and no AbortSignal (the context makes one only when the handler reads it).
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
  // A stream is not replayable: it is never deduped (the typed client does not resend one either).
  if (isChunksSchema(definition.output)) return runStream(connection, definition, frame)
  const session = frame.s
  const memory = session === undefined ? undefined : memoryOf(site.host)
  const key = session === undefined ? '' : dedupeKey(site.name, session, frame.id)
  // A resend of a request this bridge has seen: answered from memory, now or when its handler ends.
  if (memory ? !memory.begin(key, (reply) => void internals.sendFrame(connection, reply)) : peer.running.has(frame.id)) return undefined
  const run = new RequestRun(frame.id)
  peer.running.set(frame.id, run)
  const reply = respond(connection, definition, frame, run)
  // A request with a session id settles a microtask later even when its handler answered at once: a
  // resend in the same read as its original (a client flushing its queue twice) is then still
  // running and waits for the one reply, as it does behind an async handler.
  if (typeof reply === 'string' && memory === undefined) finish(connection, peer, run, memory, key, reply)
  else void Promise.resolve(reply).then((settled) => finish(connection, peer, run, memory, key, settled))
  return undefined
}

/** The handler settled: the run leaves the running set and its reply goes out, to memory or nowhere. */
function finish(
  connection: ConnectionImpl,
  peer: PeerRequests,
  run: RequestRun,
  memory: ReplyMemory | undefined,
  key: string,
  reply: string,
): void {
  if (peer.running.get(run.id) === run) peer.running.delete(run.id)
  // A cancelled request's reply goes nowhere; after a close it is kept for the client's resend.
  if (memory) {
    const reason = requestRuns.reason(run)
    if (reason instanceof WsError && reason.code === 'REQUEST_CANCELLED') memory.detach(key)
    memory.end(key, reply)
  } else if (!requestRuns.aborted(run)) internals.sendFrame(connection, reply)
}

function runStream(connection: ConnectionImpl, definition: AnyRequestDefinition, frame: RequestFrame): undefined {
  const peer = peerOf(connection)
  if (peer.running.has(frame.id)) return undefined
  const run = new RequestRun(frame.id)
  peer.running.set(frame.id, run)
  // A stream listens to its signal (its loop stops on abort), so it makes it at once.
  void streamReply(connection, definition, frame, run.signal, peer).then((last) => {
    if (peer.running.get(frame.id) === run) peer.running.delete(frame.id)
    if (!requestRuns.aborted(run)) internals.sendFrame(connection, last)
  })
  return undefined
}

/**
 * The reply frame for one request: input validated, handler run, output checked. Each step goes on
 * synchronously while the one before answered synchronously (as `await` would, minus its microtask);
 * from the first promise on, the rest follows it. Never throws or rejects: a failure is an error reply.
 */
function respond(
  connection: ConnectionImpl,
  definition: AnyRequestDefinition,
  frame: RequestFrame,
  run: RequestRun,
): string | Promise<string> {
  try {
    const input = validate(definition.input, frame.d)
    const reply =
      input instanceof Promise
        ? input.then((checked) => handle(connection, definition, frame, run, checked))
        : handle(connection, definition, frame, run, input)
    return typeof reply === 'string' ? reply : reply.then(undefined, (thrown: unknown) => failed(connection, frame, run, thrown))
  } catch (thrown) {
    return failed(connection, frame, run, thrown)
  }
}

function handle(
  connection: ConnectionImpl,
  definition: AnyRequestDefinition,
  frame: RequestFrame,
  run: RequestRun,
  input: ValidationResult,
): string | Promise<string> {
  if (!input.ok) {
    report(connection, input.error)
    return errorReplyFrame(frame.id, input.error)
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
): string | Promise<string> {
  if (internals.site(connection).route.validateOutput === false) return replyFrame(frame.id, reply)
  const checked = validate(definition.output, reply, 'OUTPUT_VALIDATION_FAILED')
  return checked instanceof Promise
    ? checked.then((result) => outputChecked(connection, frame, reply, result))
    : outputChecked(connection, frame, reply, checked)
}

function outputChecked(connection: ConnectionImpl, frame: RequestFrame, reply: unknown, checked: ValidationResult): string {
  if (checked.ok) return replyFrame(frame.id, reply)
  report(connection, checked.error)
  // The issues describe the server's own data: reported, never sent.
  return errorReplyFrame(frame.id, new WsError('OUTPUT_VALIDATION_FAILED'))
}

function failed(connection: ConnectionImpl, frame: RequestFrame, run: RequestRun, thrown: unknown): string {
  const error = WsError.from(thrown)
  // A handler giving up because its signal aborted (cancel, close) is not an error to report.
  if (!(requestRuns.aborted(run) && thrown === requestRuns.reason(run))) report(connection, error)
  return errorReplyFrame(frame.id, error)
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  )
}
