import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeEnvelope, encodeEnvelope } from '../../src/adapter/index.js'

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
const bytes = (payload: string | Uint8Array): Uint8Array => (typeof payload === 'string' ? new TextEncoder().encode(payload) : payload)
const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length })

describe('the backplane envelope', () => {
  it('round-trips any text or binary frame, topics, sender and trace context', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.array(fc.string(), { minLength: 1, maxLength: 4 }),
        fc.oneof(fc.string({ unit: 'grapheme' }), fc.uint8Array()),
        fc.option(fc.string(), { nil: undefined }),
        fc.option(
          fc.tuple(hex(32), hex(16)).map(([t, s]) => `00-${t}-${s}-01`),
          { nil: undefined },
        ),
        (instanceId, topics, frame, senderId, trace) => {
          const payload = encodeEnvelope(instanceId, { topics, frame, senderId, trace })
          expect(typeof payload === 'string').toBe(typeof frame === 'string')
          expect(decodeEnvelope(bytes(payload))).toEqual({ instanceId, message: { topics, frame, senderId, trace } })
        },
      ),
    )
  })

  it('writes the documented layout, and no `c` when the publish has no trace', () => {
    expect(encodeEnvelope('a', { topics: ['room'], frame: 'x' })).toBe('{"v":1,"i":"a","t":["room"],"b":0}\nx')
    expect(encodeEnvelope('a', { topics: ['room'], frame: '{}', trace: traceparent })).toBe(
      `{"v":1,"i":"a","t":["room"],"b":0,"c":"${traceparent}"}\n{}`,
    )
  })

  it('hands back a copy of a binary frame, not a view of the payload', () => {
    const payload = bytes(encodeEnvelope('a', { topics: ['t'], frame: new Uint8Array([1, 2, 3]) }))
    const frame = decodeEnvelope(payload)?.message.frame as Uint8Array
    payload.fill(0)
    expect([...frame]).toEqual([1, 2, 3])
  })

  it('ignores anything that is not an envelope, and drops a `c` that is not a traceparent', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (payload) => {
        const envelope = decodeEnvelope(payload)
        if (envelope) expect(typeof envelope.instanceId).toBe('string')
      }),
    )
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything()), (c) => {
        const trace = decodeEnvelope(bytes(`${JSON.stringify({ v: 1, i: 'b', t: ['room'], b: 0, c })}\nframe`))?.message.trace
        if (trace !== undefined) expect(trace).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
      }),
    )
    expect(decodeEnvelope(bytes('{"v":2,"i":"a","t":[]}\nx'))).toBeUndefined()
    expect(decodeEnvelope(bytes('no header'))).toBeUndefined()
  })
})
