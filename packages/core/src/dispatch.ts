import { parseMessage } from './codec.js'
import { WsError } from './errors.js'
import type { AnyRoute } from './route.js'
import { validate, type ValidationResult } from './validation.js'

/** The connection as dispatch sees it: handlers receive it, invalid messages go to its policy. */
export interface DispatchTarget {
  rejectMessage(error: WsError): void
}

type Handler = (data: unknown, connection: never) => unknown

/**
 * One text frame's way to its handler: parse (hardened JSON), then either the route's `input`
 * schema and `onMessage`, or the per-`type` entry of its `messages` map. Sync schemas stay sync and
 * the sync path allocates no closure or promise; async schemas return the handler's promise for
 * the queue. Invalid messages go to the connection's `rejectMessage` (the route's policy).
 */
export function dispatchText(route: AnyRoute, text: string, maxDepth: number, connection: DispatchTarget): unknown {
  let message: unknown
  try {
    message = parseMessage(text, maxDepth)
  } catch (error) {
    connection.rejectMessage(error as WsError)
    return undefined
  }
  if (route.messages !== undefined) return dispatchTyped(route, message, connection)
  const onMessage: Handler = route.handler!.onMessage!
  if (route.input === undefined) return onMessage(message, connection as never)
  return deliverValidated(route.input, message, onMessage, connection)
}

function dispatchTyped(route: AnyRoute, message: unknown, connection: DispatchTarget): unknown {
  const messages = route.messages!
  const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined
  const entry = typeof type === 'string' && Object.hasOwn(messages, type) ? messages[type] : undefined
  if (entry !== undefined) return deliverValidated(entry.schema, message, entry.handler as Handler, connection)
  const fallback = route.handler?.onMessage
  if (fallback) return fallback(message, connection as never)
  connection.rejectMessage(new WsError('UNKNOWN_TYPE', typeof type === 'string' ? `Unknown message type "${type.slice(0, 64)}"` : 'Message has no "type" field'))
  return undefined
}

function deliverValidated(schema: NonNullable<AnyRoute['input']>, message: unknown, handler: Handler, connection: DispatchTarget): unknown {
  const result = validate(schema, message)
  return result instanceof Promise ? result.then((settled) => deliver(settled, handler, connection)) : deliver(result, handler, connection)
}

function deliver(result: ValidationResult, handler: Handler, connection: DispatchTarget): unknown {
  if (!result.ok) return connection.rejectMessage(result.error)
  return handler(result.value, connection as never)
}
