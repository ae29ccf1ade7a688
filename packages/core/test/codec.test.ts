import { describe, expect, it } from 'vitest'
import { encodeMessage, exceedsDepth, parseMessage } from '../src/codec.js'
import { WsError } from '../src/index.js'

describe('parseMessage', () => {
  it('parses JSON text', () => {
    expect(parseMessage('{"a":[1,{"b":null}]}', 64)).toEqual({ a: [1, { b: null }] })
    expect(parseMessage('"hi"', 64)).toBe('hi')
  })

  it('throws INVALID_JSON with the parser error as cause', () => {
    let thrown: unknown
    try {
      parseMessage('{"a":', 64)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(WsError)
    expect((thrown as WsError).code).toBe('INVALID_JSON')
    expect((thrown as WsError).cause).toBeInstanceOf(SyntaxError)
  })

  it('throws TOO_DEEP before parsing', () => {
    expect(() => parseMessage('[[[1]]]', 2)).toThrow(expect.objectContaining({ code: 'TOO_DEEP' }))
    expect(parseMessage('[[1]]', 2)).toEqual([[1]])
  })

  it('strips __proto__ and constructor keys at any depth, escaped or not', () => {
    const parsed = parseMessage('{"a":1,"__proto__":{"x":1},"b":{"constructor":{"prototype":{}},"\\u005f_proto__":2,"c":3}}', 64)
    expect(parsed).toEqual({ a: 1, b: { c: 3 } })
    expect(Object.keys(parsed as object)).toEqual(['a', 'b'])
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
  })

  it('strips them from long messages too (a different scan looks for them there)', () => {
    const padding = 'x'.repeat(200)
    for (const key of ['__proto__', 'constructor', '\\u005f_proto__']) {
      const parsed = parseMessage(`{"pad":"${padding}","${key}":{"polluted":true},"ok":1}`, 64)
      expect(parsed).toEqual({ pad: padding, ok: 1 })
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    }
  })

  it('keeps those words when they are values, not keys', () => {
    expect(parseMessage('{"text":"constructor __proto__"}', 64)).toEqual({ text: 'constructor __proto__' })
  })
})

describe('exceedsDepth', () => {
  it('counts nesting, not brackets inside strings (escapes included)', () => {
    expect(exceedsDepth('[[[]]]', 2)).toBe(true)
    expect(exceedsDepth('[[]]', 2)).toBe(false)
    expect(exceedsDepth(`["${'['.repeat(100)}"]`, 2)).toBe(false)
    expect(exceedsDepth(`["\\"${'['.repeat(100)}"]`, 2)).toBe(false)
    expect(exceedsDepth(`{"a":{"b":{"c":{}}}}`, 3)).toBe(true)
    // Long texts: many openers but shallow (the exact scan runs), few openers (it is skipped), deep.
    const shallow = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ i, tags: ['a'] })) })
    expect(exceedsDepth(shallow, 8)).toBe(false)
    expect(exceedsDepth(JSON.stringify({ text: 'x'.repeat(2000), meta: { at: 1 } }), 8)).toBe(false)
    expect(exceedsDepth(`${'['.repeat(9)}"${'x'.repeat(2000)}"${']'.repeat(9)}`, 8)).toBe(true)
    expect(exceedsDepth(`${'['.repeat(8)}"${'x'.repeat(2000)}"${']'.repeat(8)}`, 8)).toBe(false)
    // Openers inside strings count towards the quick bound but not towards depth.
    expect(
      exceedsDepth(
        `["${'{['.repeat(50)}", ${'x'
          .repeat(200)
          .split('')
          .map(() => '1')
          .join(',')}]`,
        8,
      ),
    ).toBe(false)
  })
})

describe('encodeMessage', () => {
  it('JSON-encodes values (strings included) and keeps bytes as bytes', () => {
    expect(encodeMessage({ a: 1 })).toBe('{"a":1}')
    expect(encodeMessage('hi')).toBe('"hi"')
    expect(encodeMessage(undefined)).toBe('null')
    const bytes = new Uint8Array([1, 2, 3])
    expect(encodeMessage(bytes)).toBe(bytes)
    expect(encodeMessage(bytes.buffer)).toEqual(bytes)
    expect(encodeMessage(new DataView(bytes.buffer, 1, 2))).toEqual(new Uint8Array([2, 3]))
  })
})
