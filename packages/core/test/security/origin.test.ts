import { describe, expect, it } from 'vitest'
import { isOriginAllowed } from '../../src/security/origin.js'

const check = (origin: string | undefined, rules: Parameters<typeof isOriginAllowed>[1] = [], host = 'app.example:8080') =>
  isOriginAllowed(origin === undefined ? { host } : { host, origin }, rules)

describe('isOriginAllowed', () => {
  it('allows requests without an Origin (non-browser clients)', () => expect(check(undefined)).toBe(true))
  it('allows the request host itself, with default ports normalised', () => {
    expect(check('http://app.example:8080')).toBe(true)
    expect(check('https://app.example', [], 'app.example:443')).toBe(true)
    expect(check('https://app.example:443', [], 'app.example')).toBe(true)
  })
  it('refuses other hosts, other ports and "null"', () => {
    expect(check('http://evil.example')).toBe(false)
    expect(check('http://app.example:9090')).toBe(false)
    expect(check('null')).toBe(false)
  })
  it('matches exact, wildcard-subdomain, RegExp and function rules', () => {
    expect(check('https://a.example', ['https://a.example'])).toBe(true)
    expect(check('https://eu.a.example', ['https://*.a.example'])).toBe(true)
    expect(check('https://a.example', ['https://*.a.example'])).toBe(false)
    expect(check('http://eu.a.example', ['https://*.a.example'])).toBe(false)
    expect(check('https://a.example.evil', ['https://*.a.example'])).toBe(false)
    expect(check('https://x.dev', [/^https:\/\/[a-z]+\.dev$/])).toBe(true)
    expect(check('https://x.dev', [(o) => o.endsWith('.dev')])).toBe(true)
    expect(check('null', ['null'])).toBe(true)
  })
  it("'*' opts out", () => expect(check('http://evil.example', '*')).toBe(true))
})
