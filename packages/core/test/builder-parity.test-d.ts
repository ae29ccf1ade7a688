import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { createRoute, defineRoute, tokenAuth, type TextFrames, type WsRoute } from '../src/index.js'

const auth = tokenAuth(async (token) => (token === 'x' ? { id: 'u' } : null))

describe('createRoute builds every route defineRoute can', () => {
  it('an onOpen-only and an onBinary-only route, typed as defineRoute types them', () => {
    const onOpenOnly = createRoute('/hello')
      .onOpen((c) => expectTypeOf(c.send).parameter(0).toEqualTypeOf<unknown>())
      .build()
    expectTypeOf(onOpenOnly).toEqualTypeOf(defineRoute({ kind: 'ws', path: '/hello', messages: {}, handler: { onOpen: () => undefined } }))
    const binaryOnly = createRoute('/bytes')
      .onBinary((data, c) => {
        expectTypeOf(data).toEqualTypeOf<Uint8Array>()
        c.send(data)
      })
      .build()
    expectTypeOf(binaryOnly).toEqualTypeOf<WsRoute<'/bytes', undefined, undefined, {}, undefined, Record<string, unknown>>>()
    createRoute('/drain')
      .onDrain(() => undefined)
      .build()
  })

  it('options takes authFailure, resume and format beside the others', () => {
    createRoute('/a')
      .auth(auth)
      .options({ authFailure: 'close', resume: { buffer: 10 }, onInvalid: 'drop', validateOutput: true, limits: { maxPayloadLength: 10 } })
      .on('x', v.object({}), (_data, c) => expectTypeOf(c.user).toEqualTypeOf<{ id: string }>())
      .build()
    // @ts-expect-error not an option
    createRoute('/a').options({ authFailur: 'close' })
    // @ts-expect-error not a format
    createRoute('/a').options({ format: 'xml' })
  })

  it("format: 'text' gives string handlers, string send and the text route type", () => {
    const built = createRoute('/echo/:id')
      .auth(auth)
      .options({ format: 'text', authFailure: 'close' })
      .onOpen((c) => {
        c.send('Welcome!')
        // @ts-expect-error a text route sends strings
        c.send({ text: 'no' })
      })
      .onMessage((message, c) => {
        expectTypeOf(message).toEqualTypeOf<string>()
        expectTypeOf(c.params).toEqualTypeOf<{ id: string }>()
        expectTypeOf(c.user).toEqualTypeOf<{ id: string }>()
        c.publish('t', `Echo: ${message}`)
      })
      .build()
    expectTypeOf(built).toEqualTypeOf<WsRoute<'/echo/:id', TextFrames, TextFrames, {}, { id: string }, Record<string, unknown>>>()
    const defined = defineRoute({ kind: 'ws', format: 'text', path: '/echo/:id', auth, handler: { onMessage: () => undefined } })
    expectTypeOf(built).toEqualTypeOf(defined)
  })

  it('a text route needs onMessage and has no typed messages or resume', () => {
    const text = createRoute('/t').options({ format: 'text' })
    // @ts-expect-error onMessage is required
    text.build()
    // @ts-expect-error onMessage is required
    text.onOpen(() => undefined).build()
    // @ts-expect-error typed messages are JSON
    text.on('x', v.object({}), () => undefined)
    // @ts-expect-error resume is stamped JSON
    text.options({ resume: true })
  })
})
