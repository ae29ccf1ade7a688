import { Parser } from '@asyncapi/parser'
import { defineRoute } from '@wsbridge/core'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { toAsyncApi, toJsonSchemas, toTypesFile } from '../src/index.js'

const routes = {
  calc: defineRoute({
    kind: 'ws',
    path: '/calc/:room',
    requests: {
      add: { input: v.object({ a: v.number(), b: v.number() }), output: v.number(), handler: ({ a, b }) => a + b },
    },
    clientRequests: { confirm: { input: v.object({ q: v.string() }), output: v.object({ ok: v.boolean() }) } },
    handler: { onMessage: () => undefined },
  }),
  plain: defineRoute({ kind: 'ws', handler: { onMessage: () => undefined } }),
}

describe('requests in the contracts', () => {
  it('JSON Schema: each request gets its input and output schema, in both directions', () => {
    const { calc, plain } = toJsonSchemas(routes)
    expect(calc?.requests).toEqual({
      add: {
        input: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
        output: { type: 'number' },
      },
    })
    expect(calc?.clientRequests?.['confirm']?.output).toEqual({ type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] })
    expect(plain).toEqual({ path: '/plain' })
  })

  it('the types file carries requests in `~types`, as the typed client reads them', () => {
    const file = toTypesFile(routes)
    expect(file).toContain('export type CalcRequests = { "add": { input: {\n  a: number\n  b: number\n}; reply: number } }')
    expect(file).toContain('readonly requests: CalcRequests; readonly clientRequests: CalcClientRequests')
    expect(file).toContain('export type PlainRequests = { }')
  })

  it('AsyncAPI 3: a request/reply operation per request, valid for @asyncapi/parser', async () => {
    const doc = toAsyncApi(routes, { title: 'Calc', version: '1.0.0' }, { prefix: '/api' })
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(doc))
    expect(diagnostics.filter((d) => d.severity === 0).map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([])
    const add = document!.operations().get('calc.request.add')!
    expect(add.action()).toBe('receive')
    expect(
      add
        .messages()
        .all()
        .map((m) => m.name()),
    ).toEqual(['add'])
    expect(
      add
        .reply()
        ?.messages()
        .all()
        .map((m) => m.name()),
    ).toEqual(['add.reply', 'requestError'])
    expect(add.messages().all()[0]!.payload()?.json()).toMatchObject({
      properties: { '~': { const: 'req' }, n: { const: 'add' }, d: { required: ['a', 'b'] } },
    })
    const confirm = document!.operations().get('calc.clientRequest.confirm')!
    expect(confirm.action()).toBe('send')
    expect(confirm.reply()!.messages().all()[0]!.payload()?.json()).toMatchObject({ properties: { d: { required: ['ok'] } } })
    // A route without requests is unchanged.
    expect(Object.keys((doc['channels'] as Record<string, { messages: object }>)['plain']!.messages)).toEqual([
      'plain.client.message',
      'plain.server.message',
      'error',
    ])
  })
})
