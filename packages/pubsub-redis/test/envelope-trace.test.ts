import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeEnvelope, encodeEnvelope } from '../src/index.js'

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
const bytes = (payload: string | Uint8Array): Uint8Array => (typeof payload === 'string' ? Buffer.from(payload) : payload)

describe('the envelope carries the publish trace context', () => {
  it('round-trips a traceparent, and adds nothing when the publish has none', () => {
    const traced = decodeEnvelope(bytes(encodeEnvelope('a', { topics: ['room'], frame: '{"n":1}', trace: traceparent })))
    expect(traced?.message).toEqual({ topics: ['room'], frame: '{"n":1}', senderId: undefined, trace: traceparent })
    expect(encodeEnvelope('a', { topics: ['room'], frame: 'x' })).toBe('{"v":1,"i":"a","t":["room"],"b":0}\nx')
  })

  it('drops any `c` that is not a well-formed traceparent (anyone on the channel can write it)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything()), (c) => {
        const payload = `${JSON.stringify({ v: 1, i: 'b', t: ['room'], b: 0, c })}\nframe`
        const trace = decodeEnvelope(Buffer.from(payload))?.message.trace
        if (trace !== undefined) expect(trace).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
      }),
    )
  })
})
