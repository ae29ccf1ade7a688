import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { admits, isLoopback, tokensMatch } from '../src/index.js'

describe('who may open the inspector', () => {
  it('knows the loopback addresses, and nothing else', () => {
    for (const ip of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(ip), ip).toBe(true)
    for (const ip of ['10.0.0.1', '192.168.1.127', '::ffff:10.0.0.1', '128.0.0.1', '127.0.0.1.evil', 'fe80::1', '', undefined])
      expect(isLoopback(ip), String(ip)).toBe(false)
  })

  it('matches tokens exactly (any strings)', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => tokensMatch(a, b) === (a === b && a !== '')))
    fc.assert(fc.property(fc.string({ minLength: 1 }), (a) => tokensMatch(a, a)))
  })

  it('admits other peers only with the configured token', () => {
    expect(admits('127.0.0.1', undefined, undefined)).toBe(true)
    expect(admits('10.0.0.1', undefined, undefined)).toBe(false)
    expect(admits('10.0.0.1', 's3cret', undefined)).toBe(false)
    expect(admits('10.0.0.1', '', '')).toBe(false)
    expect(admits('10.0.0.1', 'wrong', 's3cret')).toBe(false)
    expect(admits('10.0.0.1', 's3cret', 's3cret')).toBe(true)
    expect(admits(undefined, 's3cret', 's3cret')).toBe(true)
  })
})
