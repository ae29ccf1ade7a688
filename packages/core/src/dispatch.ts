import { parseMessage } from './codec.js'
import { WsError } from './errors.js'
import type { AnyRoute } from './route.js'
import { validate, type ValidationResult } from './validation.js'

/**
 * One text frame's way to its handler: parse (hardened JSON), then either the route's `input`
 * schema and `onMessage`, or the per-`type` entry of its `messages` map. Sync schemas stay sync so
 * the common path allocates no promise; async ones return the handler's promise for the queue.
 * Invalid messages go to `invalid`, which applies the route's policy.
 */
export function dispatchText(route: AnyRoute, text: string, maxDepth: number, connection: unknown, invalid: (error: WsError) => void): unknown {
  let message: unknown
  try {
    message = parseMessage(text, maxDepth)
  } catch (error) {
    invalid(error as WsError)
    return undefined
  }
  if (route.messages !== undefined) return dispatchTyped(route, message, connection, invalid)
  const onMessage = route.handler!.onMessage!
  if (route.input === undefined) return onMessage(message, connection as never)
  const deliver = (result: ValidationResult): unknown => (result.ok ? onMessage(result.value, connection as never) : invalid(result.error))
  const result = validate(route.input, message)
  return result instanceof Promise ? result.then(deliver) : deliver(result)
}

function dispatchTyped(route: AnyRoute, message: unknown, connection: unknown, invalid: (error: WsError) => void): unknown {
  const messages = route.messages!
  const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined
  const entry = typeof type === 'string' && Object.hasOwn(messages, type) ? messages[type] : undefined
  if (entry === undefined) {
    const fallback = route.handler?.onMessage
    if (fallback) return fallback(message, connection as never)
    invalid(new WsError('UNKNOWN_TYPE', typeof type === 'string' ? `Unknown message type "${type.slice(0, 64)}"` : 'Message has no "type" field'))
    return undefined
  }
  const deliver = (result: ValidationResult): unknown => (result.ok ? entry.handler(result.value, connection as never) : invalid(result.error))
  const result = validate(entry.schema, message)
  return result instanceof Promise ? result.then(deliver) : deliver(result)
}
