import { Parser } from '@asyncapi/parser'
import { chunks, defineRoute } from '@wsbridge/core'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { toAsyncApi, toJsonSchemas, toTypesFile } from '../src/index.js'

const routes = {
  feed: defineRoute({
    kind: 'ws',
    requests: {
      ticks: {
        input: v.object({ from: v.number() }),
        output: chunks(v.object({ n: v.number() })),
        handler: async function* ({ from }) {
          yield { n: from }
        },
      },
      now: { input: v.null(), output: v.number(), handler: () => 1 },
    },
  }),
}

describe('streaming replies in the contracts', () => {
  it('JSON Schema: a stream request carries its chunk schema as output, marked stream', () => {
    expect(toJsonSchemas(routes)['feed']?.requests?.['ticks']).toEqual({
      input: { type: 'object', properties: { from: { type: 'number' } }, required: ['from'] },
      output: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] },
      stream: true,
    })
    expect(toJsonSchemas(routes)['feed']?.requests?.['now']).toEqual({ input: { type: 'null' }, output: { type: 'number' } })
  })

  it("the types file carries a stream's reply as { '~stream': chunk }, which the typed client reads as a stream", () => {
    expect(toTypesFile(routes)).toContain(`"ticks": { input: {\n  from: number\n}; reply: { readonly '~stream': {\n  n: number\n} } }`)
  })

  it('AsyncAPI 3: the stream operation replies with chunk, end and error messages; valid for @asyncapi/parser', async () => {
    const doc = toAsyncApi(routes, { title: 'Feed', version: '1.0.0' }, { prefix: '/api' })
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(doc))
    expect(diagnostics.filter((d) => d.severity === 0).map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([])
    const ticks = document!.operations().get('feed.request.ticks')!
    expect(ticks.action()).toBe('receive')
    expect(ticks.extensions().get('x-wsbridge-stream')?.value()).toBe(true)
    const replies = ticks.reply()!.messages().all()
    expect(replies.map((m) => m.name())).toEqual(['ticks.chunk', 'ticks.end', 'requestError'])
    expect(replies[0]!.payload()?.json()).toMatchObject({ properties: { '~': { const: 'chunk' }, d: { required: ['n'] } } })
    expect(ticks.messages().all()[0]!.payload()?.json()).toMatchObject({ properties: { '~': { const: 'req' }, w: { maximum: 65_536 } } })
    expect(Object.keys((doc['channels'] as Record<string, { messages: object }>)['feed']!.messages)).toContain('streamMore')
  })
})
