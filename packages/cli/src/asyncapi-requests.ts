import type { JsonSchema, RequestJsonSchemas } from './json-schema.js'

type Json = Record<string, unknown>

/** The error reply any request may get (docs/requests.md, docs/errors.md). */
export const ERROR_REPLY: JsonSchema = {
  type: 'object',
  properties: {
    '~': { const: 'res' },
    id: { type: 'integer', minimum: 0 },
    e: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, issues: { type: 'array' } },
      required: ['code', 'message'],
    },
  },
  required: ['~', 'id', 'e'],
}

/** What either side sends to give up on a request it made. */
export const CANCEL_FRAME: JsonSchema = {
  type: 'object',
  properties: { '~': { const: 'cancel' }, id: { type: 'integer', minimum: 0 } },
  required: ['~', 'id'],
}

/** What the asker of a streaming reply sends as its reader takes chunks: credit for `w` more. */
export const MORE_FRAME: JsonSchema = {
  type: 'object',
  properties: { '~': { const: 'more' }, id: { type: 'integer', minimum: 0 }, w: { type: 'integer', minimum: 1, maximum: 65_536 } },
  required: ['~', 'id', 'w'],
}

const chunkFrame = (data: JsonSchema): JsonSchema => ({
  type: 'object',
  properties: { '~': { const: 'chunk' }, id: { type: 'integer', minimum: 0 }, d: data },
  required: ['~', 'id'],
})

const WINDOW: JsonSchema = {
  type: 'integer',
  minimum: 1,
  maximum: 65_536,
  description: 'Stream window: chunks the server may send before a more frame.',
}

const requestFrame = (name: string, data: JsonSchema, session: boolean, stream = false): JsonSchema => ({
  type: 'object',
  properties: {
    '~': { const: 'req' },
    id: { type: 'integer', minimum: 0 },
    n: { const: name },
    d: data,
    ...(session && !stream && { s: { type: 'string', description: 'Session id: the server runs the handler at most once per (s, id).' } }),
    ...(stream && { w: WINDOW }),
  },
  required: ['~', 'id', 'n'],
})

const replyFrame = (data: JsonSchema): JsonSchema => ({
  type: 'object',
  properties: { '~': { const: 'res' }, id: { type: 'integer', minimum: 0 }, d: data },
  required: ['~', 'id'],
})

/** What one direction of a route's requests adds to the document: messages, and one request/reply operation per name. */
export interface RequestParts {
  /** Message ids this adds to the channel (request and reply of each name). */
  readonly messageIds: string[]
  readonly operations: Json
}

/**
 * AsyncAPI 3 request/reply for a route's requests: `server` for `requests` (clients ask, the
 * application receives and replies), `client` for `clientRequests` (the application sends and
 * receives the reply). Each name is an operation with a `reply` on the same channel; the error
 * reply and the cancel frame are shared components (`requestError`, `requestCancel`).
 */
export function requestOperations(
  route: string,
  answeredBy: 'server' | 'client',
  requests: Readonly<Record<string, RequestJsonSchemas>>,
  messages: Json,
): RequestParts {
  const messageIds: string[] = []
  const operations: Json = {}
  const channel = { $ref: `#/channels/${route}` }
  const channelMessage = (id: string): Json => ({ $ref: `#/channels/${route}/messages/${id}` })
  const kind = answeredBy === 'server' ? 'request' : 'clientRequest'
  for (const [name, schemas] of Object.entries(requests)) {
    if (schemas.stream) {
      streamOperation(route, name, schemas, messages, messageIds, operations)
      continue
    }
    const ask = `${route}.${kind}.${name}`
    const reply = `${route}.${kind}.${name}.reply`
    const direction = answeredBy === 'server' ? 'client → server' : 'server → client'
    messages[ask] = {
      name,
      title: `${route}: request ${name} (${direction})`,
      payload: requestFrame(name, schemas.input, answeredBy === 'server'),
    }
    messages[reply] = { name: `${name}.reply`, title: `${route}: reply to ${name}`, payload: replyFrame(schemas.output) }
    messageIds.push(ask, reply)
    operations[`${route}.${kind}.${name}`] = {
      action: answeredBy === 'server' ? 'receive' : 'send',
      channel,
      summary: answeredBy === 'server' ? `Clients request ${name}; the server replies` : `The server requests ${name}; the client replies`,
      messages: [channelMessage(ask)],
      reply: { channel, messages: [channelMessage(reply), channelMessage('requestError')] },
    }
  }
  return { messageIds, operations }
}

/**
 * A streaming reply: the request (with its window `w`), then chunk frames and an end frame (a reply
 * without data) or an error reply; the client grants credit with `streamMore` (shared component).
 */
function streamOperation(
  route: string,
  name: string,
  schemas: RequestJsonSchemas,
  messages: Json,
  messageIds: string[],
  operations: Json,
): void {
  const channel = { $ref: `#/channels/${route}` }
  const channelMessage = (id: string): Json => ({ $ref: `#/channels/${route}/messages/${id}` })
  const ask = `${route}.request.${name}`
  const chunk = `${route}.request.${name}.chunk`
  const end = `${route}.request.${name}.end`
  messages[ask] = {
    name,
    title: `${route}: stream request ${name} (client → server)`,
    payload: requestFrame(name, schemas.input, true, true),
  }
  messages[chunk] = { name: `${name}.chunk`, title: `${route}: one chunk of ${name}`, payload: chunkFrame(schemas.output) }
  messages[end] = { name: `${name}.end`, title: `${route}: end of ${name}`, payload: replyFrame({ not: {} }) }
  messageIds.push(ask, chunk, end)
  operations[ask] = {
    action: 'receive',
    channel,
    summary: `Clients request ${name}; the server replies with a stream of chunks, then an end frame or an error reply`,
    messages: [channelMessage(ask)],
    reply: { channel, messages: [channelMessage(chunk), channelMessage(end), channelMessage('requestError')] },
    'x-wsbridge-stream': true,
  }
}
