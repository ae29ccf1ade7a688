import { TraceFlags } from '@opentelemetry/api'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatTraceparent, parseTraceparent } from '../src/index.js'
import { frameBytes, memoFrameBytes } from '../src/frame-bytes.js'
import { traceparentInMessage } from '../src/traceparent.js'

const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length })
const validId = (length: number) => hex(length).filter((id) => !/^0+$/.test(id))

describe('traceparent', () => {
  it('round-trips every valid span context', () => {
    fc.assert(
      fc.property(validId(32), validId(16), fc.boolean(), (traceId, spanId, sampled) => {
        const traceFlags = sampled ? TraceFlags.SAMPLED : TraceFlags.NONE
        const value = formatTraceparent({ traceId, spanId, traceFlags })
        expect(value).toBe(`00-${traceId}-${spanId}-${sampled ? '01' : '00'}`)
        expect(parseTraceparent(value)).toEqual({ traceId, spanId, traceFlags, isRemote: true })
      }),
    )
  })

  it('rejects anything that is not a version-00 traceparent, whatever the client sends', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything()), (value) => {
        const parsed = parseTraceparent(value)
        if (parsed !== undefined) expect(value).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
      }),
    )
    expect(parseTraceparent(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`)).toBeUndefined()
    expect(parseTraceparent('00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01')).toBeUndefined()
    expect(parseTraceparent('01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBeUndefined()
  })

  it('finds a traceparent field in a JSON message, and nothing in messages without a valid one', () => {
    const value = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
    expect(traceparentInMessage(JSON.stringify({ type: 'say', traceparent: value, text: 'x' }))?.spanId).toBe('00f067aa0ba902b7')
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const text = JSON.stringify(json)
        const found = traceparentInMessage(text)
        if (found !== undefined) expect(text).toContain(`"traceparent":"00-${found.traceId}-${found.spanId}-`)
      }),
    )
  })
})

describe('frameBytes', () => {
  it('counts what TextEncoder encodes, for any string, lone surrogates included', () => {
    const encoder = new TextEncoder()
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(frameBytes(text)).toBe(encoder.encode(text).length)
      }),
    )
    expect(frameBytes('\ud83d')).toBe(3)
    expect(frameBytes('é😀')).toBe(6)
    expect(frameBytes(new Uint8Array(7))).toBe(7)
  })

  it('memoises the last frame only', () => {
    const bytes = memoFrameBytes()
    expect([bytes('ab'), bytes('ab'), bytes('abc'), bytes('ab')]).toEqual([2, 2, 3, 2])
  })
})
