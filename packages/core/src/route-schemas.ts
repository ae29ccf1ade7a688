import type { AnySchema } from './schema.js'
import { validatorFor } from './validation.js'

/**
 * Detects every schema of a route once, when the route is defined or registered, so messages only
 * look their validator up, and a value that is neither valibot nor Standard Schema fails here with
 * the route's name instead of on the first message.
 */
export function prepareRouteSchemas(
  route: { readonly input?: unknown; readonly output?: unknown; readonly messages?: unknown },
  name: string,
): void {
  if (route.input !== undefined) validatorFor(route.input as AnySchema, `route "${name}" input`)
  if (route.output !== undefined) validatorFor(route.output as AnySchema, `route "${name}" output`)
  if (typeof route.messages !== 'object' || route.messages === null) return
  for (const [type, entry] of Object.entries(route.messages as Record<string, { schema?: unknown } | undefined>))
    validatorFor(entry?.schema as AnySchema, `route "${name}" message "${type}" schema`)
}
