import { connectionInternals as internals, type ConnectionImpl } from './connection.js'
import { report } from './connection-policy.js'
import { WsError } from './errors.js'
import { dedupeKey, ReplyMemory } from './request-dedupe.js'
import { errorReplyFrame, replyFrame, type RequestFrame } from './request-frames.js'
import { isChunksSchema } from './chunks-schema.js'
import { peerOf } from './request-peer.js'
import { streamReply } from './request-stream.js'
import type { AnyRequestDefinition } from './requests-types.js'
import { validate } from './validation.js'

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
 * request never holds up the messages behind it.
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
  // A stream is not replayable: it is never deduped (the typed client does not resend one either).
  if (isChunksSchema(definition.output)) return runStream(connection, definition, frame)
  const session = frame.s
  const memory = session === undefined ? undefined : memoryOf(site.host)
  const key = session === undefined ? '' : dedupeKey(site.name, session, frame.id)
  // A resend of a request this bridge has seen: answered from memory, now or when its handler ends.
  if (memory ? !memory.begin(key, send) : peer.running.has(frame.id)) return undefined
  const controller = new AbortController()
  peer.running.set(frame.id, controller)
  void respond(connection, definition, frame, controller.signal).then((reply) => {
    if (peer.running.get(frame.id) === controller) peer.running.delete(frame.id)
    const reason: unknown = controller.signal.reason
    // A cancelled request's reply goes nowhere; after a close it is kept for the client's resend.
    if (memory) {
      if (reason instanceof WsError && reason.code === 'REQUEST_CANCELLED') memory.detach(key)
      memory.end(key, reply)
    } else if (!controller.signal.aborted) send(reply)
  })
  return undefined
}

function runStream(connection: ConnectionImpl, definition: AnyRequestDefinition, frame: RequestFrame): undefined {
  const peer = peerOf(connection)
  if (peer.running.has(frame.id)) return undefined
  const controller = new AbortController()
  peer.running.set(frame.id, controller)
  void streamReply(connection, definition, frame, controller.signal, peer).then((last) => {
    if (peer.running.get(frame.id) === controller) peer.running.delete(frame.id)
    if (!controller.signal.aborted) internals.sendFrame(connection, last)
  })
  return undefined
}

async function respond(connection: ConnectionImpl, definition: AnyRequestDefinition, frame: RequestFrame, signal: AbortSignal) {
  try {
    const input = await validate(definition.input, frame.d)
    if (!input.ok) {
      report(connection, input.error)
      return errorReplyFrame(frame.id, input.error)
    }
    const reply = await definition.handler(input.value as never, connection as never, { signal, id: frame.id })
    if (internals.site(connection).route.validateOutput !== false) {
      const checked = await validate(definition.output, reply, 'OUTPUT_VALIDATION_FAILED')
      if (!checked.ok) {
        report(connection, checked.error)
        // The issues describe the server's own data: reported, never sent.
        return errorReplyFrame(frame.id, new WsError('OUTPUT_VALIDATION_FAILED'))
      }
    }
    return replyFrame(frame.id, reply)
  } catch (thrown) {
    const error = WsError.from(thrown)
    // A handler giving up because its signal aborted (cancel, close) is not an error to report.
    if (!(signal.aborted && thrown === signal.reason)) report(connection, error)
    return errorReplyFrame(frame.id, error)
  }
}
