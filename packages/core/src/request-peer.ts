import { parseMessage } from './codec.js'
import { connectionInternals as internals, type ConnectionImpl } from './connection.js'
import { handlerFailed, rejectMessage, report } from './connection-policy.js'
import { ReadyState } from './connection-types.js'
import { WsError } from './errors.js'
import { answer } from './request-answer.js'
import { RequestAsker } from './request-asker.js'
import { type RequestRun, requestRuns } from './request-run.js'
import { asRequestProtocolFrame } from './request-frames.js'
import type { RequestOptions } from './requests-types.js'
import { serialQueue } from './serial-queue.js'
import type { StreamCredit } from './stream-credit.js'
import { validate, type ValidationResult } from './validation.js'

/**
 * The server's request/response state per connection: handlers answering the client's requests
 * (to abort them on cancel or close) and the server's own requests awaiting the client's replies.
 * Kept beside the connection, not in it, and created on first use: idle memory per connection is
 * part of the contract, and most connections never make a request.
 */
export interface PeerRequests {
  /** Handlers running for the client's requests, by request id. */
  readonly running: Map<number, RequestRun>
  /** The credit of streaming replies being sent, by request id (request-stream.ts). */
  readonly streams: Map<number, StreamCredit>
  asker: RequestAsker | undefined
}

const peers: WeakMap<ConnectionImpl, PeerRequests> = new WeakMap()

export function peerOf(connection: ConnectionImpl): PeerRequests {
  let peer = peers.get(connection)
  if (peer === undefined) peers.set(connection, (peer = { running: new Map(), streams: new Map(), asker: undefined }))
  return peer
}

/** A run is over: it leaves the running set, unless a resend with its id has taken its place there. */
export function release(peer: PeerRequests, run: RequestRun): void {
  if (peer.running.get(run.id) === run) peer.running.delete(run.id)
}

/** One `{"~":"req"|"res"|"cancel"` frame from the client (connection-events.ts recognises the prefix), before the queue. */
export function receiveRequestFrame(connection: ConnectionImpl, text: string): void {
  let parsed: unknown
  try {
    parsed = parseMessage(text, internals.site(connection).limits.maxDepth)
  } catch (error) {
    return rejectMessage(connection, error as WsError)
  }
  const frame = asRequestProtocolFrame(parsed)
  if (frame === undefined) return rejectMessage(connection, new WsError('VALIDATION_FAILED', 'Malformed request frame'))
  // Requests start in order with the connection's messages (a request sent after a `join` sees it).
  if (frame['~'] === 'req') return serialQueue.run(connection, answer, frame, handlerFailed)
  const peer = peers.get(connection)
  if (frame['~'] === 'res') peer?.asker?.reply(frame)
  else if (frame['~'] === 'more') peer?.streams.get(frame.id)?.grant(frame.w)
  else if (frame['~'] === 'cancel') {
    const run = peer?.running.get(frame.id)
    if (run !== undefined) requestRuns.abort(run, new WsError('REQUEST_CANCELLED'))
  }
  // A chunk from the client: the server asks for no streams (server → client streaming is not supported), so it is ignored like a late reply.
}

/** `connection.request(name, data, options)`: asks the client; its reply is validated against `output`. */
export function askClient(connection: ConnectionImpl, name: string, data: unknown, options?: RequestOptions): Promise<unknown> {
  if (connection.readyState !== ReadyState.OPEN) return Promise.reject(new WsError('CONNECTION_CLOSED'))
  const site = internals.site(connection)
  const declared = site.route.clientRequests
  const schemas = declared && Object.hasOwn(declared, name) ? declared[name] : undefined
  if (schemas === undefined) {
    return Promise.reject(new WsError('UNKNOWN_REQUEST', `[wsbridge] route "${site.name}" declares no clientRequests entry "${name}"`))
  }
  const peer = peerOf(connection)
  peer.asker ??= new RequestAsker((frame) => {
    const result = internals.sendFrame(connection, frame)
    return result === 'backpressure' ? 'sent' : result
  })
  const asker = peer.asker
  const ask = () => asker.ask(name, data, options, undefined, (reply) => validate(schemas.output, reply))
  if (site.route.validateOutput === false) return ask()
  // The server's own data is checked against `input` like a send against `output`: a bug is caught
  // before it reaches the client. Nothing is sent; the caller gets the issues (it is server code).
  const checked = validate(schemas.input, data, 'OUTPUT_VALIDATION_FAILED')
  const settle = (result: ValidationResult): Promise<unknown> => {
    if (result.ok) return ask()
    report(connection, result.error)
    return Promise.reject(result.error)
  }
  return checked instanceof Promise ? checked.then(settle) : settle(checked)
}

/** The connection closed: running handlers' signals abort, the server's own requests reject. */
export function requestsClosed(connection: ConnectionImpl): void {
  const peer = peers.get(connection)
  if (peer === undefined) return
  const error = new WsError('CONNECTION_CLOSED')
  for (const run of peer.running.values()) requestRuns.abort(run, error)
  peer.running.clear()
  peer.asker?.closeAll(error)
}
