import { toJsonSchema, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema'
import type { Routes } from '@wsbridge/core'
import type { GenericSchema } from 'valibot'
import { listRoutes } from './routes.js'

export type { JsonSchema }

/** JSON Schemas of one route. Every schema describes the wire: what a sender passes (valibot's input type). */
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
  readonly input: JsonSchema
  readonly output: JsonSchema
}

export interface JsonSchemaOptions {
  /** Passed to @valibot/to-json-schema. Default: errors for unconvertible parts are ignored (they become `{}`). */
  readonly errorMode?: ConversionConfig['errorMode']
}

function convert(schema: unknown, options: JsonSchemaOptions): JsonSchema {
  const { $schema: _draft, ...json } = toJsonSchema(schema as GenericSchema, {
    typeMode: 'input',
    errorMode: options.errorMode ?? 'ignore',
  })
  return json
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
  const requestSchemas = (map: Readonly<Record<string, { input: unknown; output: unknown }>> | undefined) =>
    map &&
    Object.fromEntries(Object.entries(map).map(([n, r]) => [n, { input: convert(r.input, options), output: convert(r.output, options) }]))
  for (const { name, route, path } of listRoutes(routes)) {
    const requests = requestSchemas(route.requests)
    const clientRequests = requestSchemas(route.clientRequests)
    const extra = { ...(requests && { requests }), ...(clientRequests && { clientRequests }) }
    const server = route.output === undefined ? undefined : convert(route.output, options)
    if (route.messages !== undefined) {
      const messages: Record<string, JsonSchema> = {}
      for (const [type, definition] of Object.entries(route.messages as Record<string, { schema: unknown }>))
        messages[type] = withType(type, convert(definition.schema, options))
      result[name] = { path, client: { oneOf: Object.values(messages) }, ...(server && { server }), messages, ...extra }
    } else {
      const client = route.input === undefined ? undefined : convert(route.input, options)
      result[name] = { path, ...(client && { client }), ...(server && { server }), ...extra }
    }
  }
  return result
}
