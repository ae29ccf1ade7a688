import type { Routes } from '@wsbridge/core'
import { CANCEL_FRAME, ERROR_REPLY, MORE_FRAME, requestOperations } from './asyncapi-requests.js'
import { toJsonSchemas, type JsonSchema } from './json-schema.js'
import { listRoutes } from './routes.js'

/**
 * The AsyncAPI document's `info` block (`toAsyncApi`'s second argument): the API's title, version
 * and optional description, as `wsbridge asyncapi --title/--version` sets them.
 */
export interface AsyncApiInfo {
  /** The API's title (AsyncAPI `info.title`). */
  readonly title: string
  /** The API's version (AsyncAPI `info.version`), not wsbridge's. */
  readonly version: string
  /** A description shown by AsyncAPI tools. */
  readonly description?: string
}

/**
 * Where the routes are served, for the AsyncAPI document's channels and servers (`toAsyncApi`'s third argument).
 */
export interface AsyncApiOptions {
  /** The bridge prefix routes are mounted under, e.g. `/api`. */
  readonly prefix?: string
  /** Server URL, e.g. `wss://chat.example.com`; becomes the `default` server. */
  readonly server?: string
}

type Json = Record<string, unknown>

/** The error frame every route may send (see docs/errors.md). */
const ERROR_FRAME: JsonSchema = {
  type: 'object',
  properties: {
    type: { const: 'error' },
    code: { type: 'string' },
    message: { type: 'string' },
    issues: {
      type: 'array',
      items: { type: 'object', properties: { message: { type: 'string' }, path: { type: 'array' } }, required: ['message'] },
    },
  },
  required: ['type', 'code', 'message'],
}

/** Splits a `oneOf`/`anyOf` of objects with a constant `type` into one message per type. */
function byType(schema: JsonSchema | undefined): [string, JsonSchema][] | undefined {
  const alternatives = schema?.oneOf ?? schema?.anyOf
  if (!alternatives) return undefined
  const entries: [string, JsonSchema][] = []
  for (const alternative of alternatives) {
    const type = typeof alternative === 'object' ? alternative.properties?.['type'] : undefined
    if (typeof type !== 'object' || typeof type.const !== 'string') return undefined
    entries.push([type.const, alternative as JsonSchema])
  }
  return entries
}

function normalizePrefix(prefix = ''): string {
  const trimmed = prefix.replace(/\/+$/, '')
  return trimmed === '' || trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}

function toServer(url: string): Json {
  const parsed = new URL(url)
  const protocol = parsed.protocol.replace(':', '')
  return { host: parsed.host, protocol, ...(parsed.pathname !== '/' && { pathname: parsed.pathname }) }
}

/**
 * An AsyncAPI 3.0 document of the routes, from the server application's point of view: one channel
 * per route (address with `{param}`s), a `receive` operation for what clients send and a `send`
 * operation for what the server sends, one message per `type` where a route's messages are a
 * discriminated union, plus the wsbridge error frame every route may send.
 */
export function toAsyncApi(routes: Routes, info: AsyncApiInfo, options: AsyncApiOptions = {}): Json {
  const prefix = normalizePrefix(options.prefix)
  const schemas = toJsonSchemas(routes)
  const channels: Json = {}
  const operations: Json = {}
  const messages: Json = { error: { name: 'error', title: 'wsbridge error frame', payload: ERROR_FRAME } }

  for (const { name, path, params } of listRoutes(routes)) {
    const schema = schemas[name]!
    const address = prefix + path.replace(/:([A-Za-z_$][\w$]*)\??/g, '{$1}')
    const add = (direction: 'client' | 'server', entries: [string, JsonSchema][]): string[] =>
      entries.map(([type, payload]) => {
        const id = `${name}.${direction}.${type}`
        messages[id] = {
          name: type,
          title: `${name}: ${type} (${direction === 'client' ? 'client → server' : 'server → client'})`,
          payload,
        }
        return id
      })
    const clientIds = add('client', schema.messages ? Object.entries(schema.messages) : [['message', schema.client ?? {}]])
    const serverIds = add('server', byType(schema.server) ?? [['message', schema.server ?? {}]])
    const asked = requestOperations(name, 'server', schema.requests ?? {}, messages)
    const askedBack = requestOperations(name, 'client', schema.clientRequests ?? {}, messages)
    const requestIds = [...asked.messageIds, ...askedBack.messageIds]
    if (requestIds.length > 0) {
      messages['requestError'] ??= { name: 'requestError', title: 'wsbridge error reply', payload: ERROR_REPLY }
      messages['requestCancel'] ??= { name: 'requestCancel', title: 'wsbridge request cancel', payload: CANCEL_FRAME }
      requestIds.push('requestError', 'requestCancel')
    }
    if (Object.values(schema.requests ?? {}).some((request) => request.stream)) {
      messages['streamMore'] ??= { name: 'streamMore', title: 'wsbridge stream credit', payload: MORE_FRAME }
      requestIds.push('streamMore')
    }
    const ref = (id: string): Json => ({ $ref: `#/components/messages/${id}` })
    channels[name] = {
      address,
      title: name,
      messages: Object.fromEntries([...clientIds, ...serverIds, 'error', ...requestIds].map((id) => [id, ref(id)])),
      ...(params.length > 0 && {
        parameters: Object.fromEntries(
          params.map((p) => [
            p.name,
            { description: p.optional ? 'Optional path segment: may be left out (with its slash).' : 'Path segment.' },
          ]),
        ),
      }),
    }
    const channelRef = { $ref: `#/channels/${name}` }
    const channelMessage = (id: string): Json => ({ $ref: `#/channels/${name}/messages/${id}` })
    operations[`${name}.receive`] = {
      action: 'receive',
      channel: channelRef,
      summary: `Messages clients send on ${name}`,
      messages: clientIds.map(channelMessage),
    }
    operations[`${name}.send`] = {
      action: 'send',
      channel: channelRef,
      summary: `Messages the server sends on ${name}`,
      messages: [...serverIds, 'error'].map(channelMessage),
    }
    Object.assign(operations, asked.operations, askedBack.operations)
  }

  return {
    asyncapi: '3.0.0',
    info: { title: info.title, version: info.version, ...(info.description && { description: info.description }) },
    ...(options.server && { servers: { default: toServer(options.server) } }),
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  }
}
