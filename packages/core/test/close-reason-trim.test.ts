import { describe, expect, it } from 'vitest'
import { closeSafely, trimCloseReason } from '../src/close-codes.js'

const bytes = (text: string): number => new TextEncoder().encode(text).length

describe('trimCloseReason', () => {
  it('keeps a reason that fits, whatever its script', () => {
    for (const reason of ['', 'bye', 'é'.repeat(61), '😀'.repeat(30), 'x'.repeat(123)]) expect(trimCloseReason(reason)).toBe(reason)
  })

  it('cuts at the last whole character within 123 bytes, in every UTF-8 width', () => {
    expect(trimCloseReason('x'.repeat(200))).toBe('x'.repeat(123))
    expect(trimCloseReason('é'.repeat(100))).toBe('é'.repeat(61)) // 122 bytes: a 62nd would need 124
    expect(trimCloseReason('検'.repeat(100))).toBe('検'.repeat(41)) // 123 bytes
    expect(trimCloseReason('😀'.repeat(40))).toBe('😀'.repeat(30)) // 120 bytes: never half a surrogate pair
    expect(trimCloseReason(`ab${'😀'.repeat(40)}`)).toBe(`ab${'😀'.repeat(30)}`)
  })

  it('counts a lone surrogate as the 3 bytes of the U+FFFD runtimes send for it', () => {
    const trimmed = trimCloseReason('\uD800'.repeat(60))
    expect(trimmed).toBe('\uD800'.repeat(41))
    expect(Buffer.byteLength(trimmed)).toBe(123)
  })

  it('never returns more than 123 bytes (Node counts the way ws does)', () => {
    for (const reason of ['Сообщение '.repeat(20), `a${'é'.repeat(61)}😀`.repeat(3), '\uDC00x'.repeat(80)]) {
      const trimmed = trimCloseReason(reason)
      expect(Buffer.byteLength(trimmed)).toBeLessThanOrEqual(123)
      expect(bytes(trimmed)).toBeLessThanOrEqual(123)
      expect(reason.startsWith(trimmed)).toBe(true)
    }
  })
})

describe('closeSafely', () => {
  function socket(throwOnClose = false) {
    const calls: string[] = []
    return {
      calls,
      close(code: number, reason: string) {
        calls.push(`close ${code} ${reason}`)
        if (throwOnClose) throw new RangeError('The message must not be greater than 123 bytes')
      },
      terminate() {
        calls.push('terminate')
      },
    }
  }

  it('trims the reason and replaces a code RFC 6455 forbids with 1011', () => {
    const s = socket()
    closeSafely(s, 1007, 'я'.repeat(100))
    closeSafely(s, 1006, 'reserved')
    expect(s.calls).toEqual([`close 1007 ${'я'.repeat(61)}`, 'close 1011 reserved'])
  })

  it('drops the socket instead of throwing when the runtime refuses the close', () => {
    const s = socket(true)
    expect(() => closeSafely(s, 1000, 'bye')).not.toThrow()
    expect(s.calls).toEqual(['close 1000 bye', 'terminate'])
  })
})
