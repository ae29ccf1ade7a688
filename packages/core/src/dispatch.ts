import { parseMessage } from './codec.js'
import { WsError } from './errors.js'
import { dispatching } from './instrumentation.js'
import type { AnyRoute } from './route.js'
import { validate, type ValidationResult } from './validation.js'

/** Where an invalid message goes: the connection's invalid-message policy (connection-policy.ts). */
export type Reject<C> = (connection: C, error: WsError) => void

type Handler = (data: unknown, connection: never) => unknown

/**
 * One text frame's way to its handler: parse (hardened JSON), then either the route's `input`
 * schema and `onMessage`, or the per-`type` entry of its `messages` map. Sync schemas stay sync and
 * the sync path allocates no closure or promise; async schemas return the handler's promise for
 * the queue. Invalid messages go to `reject` (the route's policy).
 */
export function dispatchText<C>(route: AnyRoute, text: string, maxDepth: number, connection: C, reject: Reject<C>): unknown {
  let message: unknown
  try {
    message = parseMessage(text, maxDepth)
  } catch (error) {
    reject(connection, error as WsError)
    return undefined
  }
  if (route.messages !== undefined) return dispatchTyped(route, message, connection, reject)
  const onMessage: Handler | undefined = route.handler?.onMessage
  // A route with only `requests`: a plain message has nowhere to go.
  if (onMessage === undefined) return reject(connection, new WsError('UNKNOWN_TYPE'))
  if (route.input === undefined) return onMessage(message, connection as never)
  return deliverValidated(route.input, message, onMessage, connection, reject)
}

function dispatchTyped<C>(route: AnyRoute, message: unknown, connection: C, reject: Reject<C>): unknown {
  const messages = route.messages!
  const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined
  const entry = typeof type === 'string' && Object.hasOwn(messages, type) ? messages[type] : undefined
  // Only a declared type is recorded: what a client invents must not become a metric label.
  if (entry !== undefined && dispatching.job !== undefined) dispatching.job.type = type as string
  if (entry !== undefined) return deliverValidated(entry.schema, message, entry.handler as Handler, connection, reject)
  const fallback = route.handler?.onMessage
  if (fallback) return fallback(message, connection as never)
  reject(
    connection,
    new WsError('UNKNOWN_TYPE', typeof type === 'string' ? `Unknown message type "${type.slice(0, 64)}"` : 'Message has no "type" field'),
  )
  return undefined
}

function deliverValidated<C>(
  schema: NonNullable<AnyRoute['input']>,
  message: unknown,
  handler: Handler,
  connection: C,
  reject: Reject<C>,
): unknown {
  const result = validate(schema, message)
  return result instanceof Promise
    ? result.then((settled) => deliver(settled, handler, connection, reject))
    : deliver(result, handler, connection, reject)
}

function deliver<C>(result: ValidationResult, handler: Handler, connection: C, reject: Reject<C>): unknown {
  if (!result.ok) return reject(connection, result.error)
  return handler(result.value, connection as never)
}
