import type { JsonSchema } from '@valibot/to-json-schema'
import type { Routes } from '@wsbridge/core'
import { listRoutes } from './routes.js'
import { toWireJsonSchema, type JsonSchemaErrorMode } from './schema-converters.js'

export type { JsonSchema }

/** JSON Schemas of one route. Every schema describes the wire: what a sender passes (the schema's input type). */
export interface RouteSchemas {
  /** Path below the prefix, e.g. `/rooms/:roomId`. */
  readonly path: string
  /** Everything a client may send: the `input` schema, or a `oneOf` over `messages`. Absent when unchecked. */
  readonly client?: JsonSchema
  /** What the server sends (`output`). Absent when unchecked. */
  readonly server?: JsonSchema
  /** Typed messages by `type` (routes with a `messages` map), each with its `type` constant. */
  readonly messages?: Readonly<Record<string, JsonSchema>>
  /** Requests clients may send (`requests`), by name: what they send and what the server replies. */
  readonly requests?: Readonly<Record<string, RequestJsonSchemas>>
  /** Requests the server may send (`clientRequests`), by name. */
  readonly clientRequests?: Readonly<Record<string, RequestJsonSchemas>>
}

/** One request's schemas, each describing the wire (`data` of the request and of its reply). */
export interface RequestJsonSchemas {
  /** The request's `data`. */
  readonly input: JsonSchema
  /** The reply's data; for a streaming reply (`output: chunks(schema)`), one chunk's. */
  readonly output: JsonSchema
  /** True when the reply is a stream of chunks (docs/requests.md#streaming-replies). */
  readonly stream?: true
}

/** A streaming reply's `output` is `chunks(schema)`: its `~chunks` is the schema of one chunk. */
const chunkSchemaOf = (output: unknown): unknown =>
  typeof output === 'object' && output !== null && '~chunks' in output ? (output as { '~chunks': unknown })['~chunks'] : undefined

/** Options of `toJsonSchemas`: what happens to parts of a schema JSON Schema cannot express. */
export interface JsonSchemaOptions {
  /**
   * Unconvertible parts of a schema. Default `'ignore'`: they become `{}` (valibot; zod's
   * `unrepresentable: 'any'`; arktype's base type). `'throw'` fails the export.
   */
  readonly errorMode?: JsonSchemaErrorMode
}

/** A typed message's schema with `type` pinned to its key: the client always sends it, even if the schema omits it. */
function withType(type: string, schema: JsonSchema): JsonSchema {
  if (schema.type !== 'object') return { allOf: [{ type: 'object', properties: { type: { const: type } }, required: ['type'] }, schema] }
  const required = new Set(['type', ...(schema.required ?? [])])
  return { ...schema, properties: { type: { const: type }, ...schema.properties }, required: [...required] }
}

/**
 * JSON Schema (draft-07) for every route's client and server messages.
 * @example
 * const schemas = toJsonSchemas(routes) // { chat: { path, client, server, messages } }
 */
export function toJsonSchemas(routes: Routes, options: JsonSchemaOptions = {}): Record<string, RouteSchemas> {
  const result: Record<string, RouteSchemas> = {}
  for (const { name, route, path } of listRoutes(routes)) {
    const convert = (schema: unknown, where: string): JsonSchema => toWireJsonSchema(schema, `route "${name}" ${where}`, options.errorMode)
    const requestSchemas = (map: Readonly<Record<string, { input: unknown; output: unknown }>> | undefined, kind: string) =>
      map &&
      Object.fromEntries(
        Object.entries(map).map(([n, r]) => {
          const chunk = chunkSchemaOf(r.output)
          const input = convert(r.input, `${kind} "${n}" input`)
          if (chunk !== undefined) return [n, { input, output: convert(chunk, `${kind} "${n}" chunk`), stream: true }]
          return [n, { input, output: convert(r.output, `${kind} "${n}" output`) }]
        }),
      )
    const requests = requestSchemas(route.requests, 'request')
    const clientRequests = requestSchemas(route.clientRequests, 'client request')
    const extra = { ...(requests && { requests }), ...(clientRequests && { clientRequests }) }
    const server = route.output === undefined ? undefined : convert(route.output, 'output')
    if (route.messages !== undefined) {
      const messages: Record<string, JsonSchema> = {}
      for (const [type, definition] of Object.entries(route.messages as Record<string, { schema: unknown }>))
        messages[type] = withType(type, convert(definition.schema, `message "${type}" schema`))
      result[name] = { path, client: { oneOf: Object.values(messages) }, ...(server && { server }), messages, ...extra }
    } else {
      const client = route.input === undefined ? undefined : convert(route.input, 'input')
      result[name] = { path, ...(client && { client }), ...(server && { server }), ...extra }
    }
  }
  return result
}
