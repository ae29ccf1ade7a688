import { Parser } from '@asyncapi/parser'
import { describe, expect, it } from 'vitest'
import { defineRoute } from '@wsbridge/core'
import { toAsyncApi, toJsonSchemas, toTsType, toTypesFile } from '../src/index.js'
import { routes } from './fixtures/routes.js'

describe('toJsonSchemas', () => {
  const schemas = toJsonSchemas(routes)

  it('gives every route its path and client/server schemas (wire = input types)', () => {
    expect(Object.keys(schemas)).toEqual(['echo', 'shout', 'chat'])
    expect(schemas['echo']).toEqual({ path: '/echo' })
    expect(schemas['shout']).toEqual({
      path: '/shout',
      client: { type: 'object', properties: { text: { type: 'string', maxLength: 200 }, loud: { type: 'boolean' } }, required: ['text'] },
      server: { type: 'object', properties: { text: { type: 'string' }, at: { type: 'number' } }, required: ['text', 'at'] },
    })
  })

  it('pins `type` on typed messages, even when the schema leaves it out', () => {
    const chat = schemas['chat']!
    expect(chat.path).toBe('/rooms/:roomId/:tab?')
    expect(Object.keys(chat.messages!)).toEqual(['say', 'typing', 'react'])
    expect(chat.messages!['typing']).toEqual({
      type: 'object',
      properties: { type: { const: 'typing' }, on: { type: 'boolean' } },
      required: ['type', 'on'],
    })
    expect(chat.client).toEqual({ oneOf: Object.values(chat.messages!) })
  })
})

describe('toTsType', () => {
  it('prints objects, optionals, unions, literals, records and arrays', () => {
    const { chat } = toJsonSchemas(routes)
    expect(toTsType(chat!.messages!['react']!)).toBe('{\n  type: "react"\n  emoji: "+1" | "heart"\n  to: string | null\n}')
    expect(
      toTsType({
        type: 'object',
        properties: { 'x-y': { type: 'array', items: { type: 'integer' } } },
        additionalProperties: { type: 'string' },
      }),
    ).toBe('{\n  "x-y"?: Array<number>\n  [key: string]: string\n}')
    expect(toTsType({})).toBe('unknown')
    expect(toTsType({ anyOf: [{ type: 'string' }, {}] })).toBe('unknown')
  })
})

describe('toAsyncApi', () => {
  const doc = toAsyncApi(routes, { title: 'Chat', version: '2.1.0' }, { prefix: '/api', server: 'wss://chat.example.com' })

  it('validates against the AsyncAPI 3.0 schema with @asyncapi/parser', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(doc))
    const errors = diagnostics.filter((d) => d.severity === 0)
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([])
    expect(document?.version()).toBe('3.0.0')
    expect(
      document
        ?.channels()
        .all()
        .map((c) => c.address()),
    ).toEqual(['/api/echo', '/api/shout', '/api/rooms/{roomId}/{tab}'])
    const chat = document!.channels().get('chat')!
    expect(
      chat
        .parameters()
        .all()
        .map((p) => p.id()),
    ).toEqual(['roomId', 'tab'])
  })

  it('has a receive and a send operation per route, and one message per type', () => {
    const operations = doc['operations'] as Record<string, { action: string; messages: { $ref: string }[] }>
    expect(Object.keys(operations)).toEqual(['echo.receive', 'echo.send', 'shout.receive', 'shout.send', 'chat.receive', 'chat.send'])
    expect(operations['chat.receive']!.action).toBe('receive')
    expect(operations['chat.receive']!.messages.map((m) => m.$ref.split('/').pop())).toEqual([
      'chat.client.say',
      'chat.client.typing',
      'chat.client.react',
    ])
    expect(operations['chat.send']!.messages.map((m) => m.$ref.split('/').pop())).toEqual([
      'chat.server.said',
      'chat.server.joined',
      'chat.server.typing',
      'error',
    ])
    expect(operations['shout.send']!.messages.map((m) => m.$ref.split('/').pop())).toEqual(['shout.server.message', 'error'])
  })

  it('is rejected by the parser when broken (the validation is real)', async () => {
    const broken = { ...doc, operations: { bad: { action: 'publish', channel: { $ref: '#/channels/echo' } } } }
    const { diagnostics } = await new Parser().parse(JSON.stringify(broken))
    expect(diagnostics.filter((d) => d.severity === 0).length).toBeGreaterThan(0)
  })
})

describe('toTypesFile: text routes', () => {
  it('types a text route as strings both ways and marks it text in Routes and the manifest', () => {
    const text = toTypesFile({
      notes: defineRoute({ kind: 'ws', format: 'text', path: '/notes/:id', handler: { onMessage: (message, ws) => ws.send(message) } }),
    })
    expect(text).toContain('export type NotesClientMessage = string')
    expect(text).toContain('export type NotesServerMessage = string')
    expect(text).toContain(`readonly path: "/notes/:id"; readonly format: 'text';`)
    expect(text).toContain('export const routeManifest = { "notes": { path: "/notes/:id", format: "text" }, } as const')
  })
})
