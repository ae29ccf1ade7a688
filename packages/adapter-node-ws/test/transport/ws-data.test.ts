import { describe, expect, test } from 'vitest'
import { wsBytes, wsBytesCopy, wsText } from '../../src/transport/index.js'

const text = 'héllo ✓'
const encoded = new TextEncoder().encode(text)

describe('wsText', () => {
  test('decodes a Buffer, an ArrayBuffer, one fragment or several', () => {
    expect(wsText(Buffer.from(text, 'utf8'))).toBe(text)
    expect(wsText(encoded.slice().buffer)).toBe(text)
    expect(wsText([encoded])).toBe(text)
    expect(wsText([encoded.subarray(0, 2), encoded.subarray(2, 5), encoded.subarray(5)])).toBe(text)
  })
})

describe('wsBytes', () => {
  test('hands over the message bytes without a copy where it can', () => {
    // ws's default: a Buffer, often a slice of a larger pooled one, handed over as is.
    const buffer = Buffer.from([9, 1, 2, 3, 9]).subarray(1, 4)
    expect(wsBytes(buffer)).toBe(buffer)
    expect(wsBytes([buffer])).toBe(buffer)
    const arrayBuffer = new Uint8Array([4, 5]).buffer
    const view = wsBytes(arrayBuffer)
    expect(view.buffer).toBe(arrayBuffer)
    expect([...view]).toEqual([4, 5])
    expect([...wsBytes([new Uint8Array([1]), new Uint8Array([2, 3])])]).toEqual([1, 2, 3])
  })
})

describe('wsBytesCopy', () => {
  test('a plain Uint8Array with its own copy of exactly the message bytes', () => {
    const chunk = Buffer.from([9, 1, 2, 3, 9])
    const bytes = wsBytesCopy(chunk.subarray(1, 4))
    expect(bytes.constructor).toBe(Uint8Array)
    expect([...bytes]).toEqual([1, 2, 3])
    expect(bytes.buffer.byteLength).toBe(3)
    chunk[1] = 7
    expect(bytes[0]).toBe(1)
    const fragment = new Uint8Array([1])
    const joined = wsBytesCopy([fragment])
    expect(joined).not.toBe(fragment)
    expect([...joined]).toEqual([1])
    expect([...wsBytesCopy([new Uint8Array([1]), new Uint8Array([2, 3])])]).toEqual([1, 2, 3])
    expect([...wsBytesCopy(new Uint8Array([4, 5]).buffer)]).toEqual([4, 5])
  })
})
