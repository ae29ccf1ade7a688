import { describe, expect, it } from 'vitest'
import { upgradeUrl } from '../src/upgrade-url.js'

describe('upgradeUrl', () => {
  it('puts the Host header on a bare Node path', () => {
    expect(upgradeUrl('/api/chat?x=1', '127.0.0.1:3000')).toBe('ws://127.0.0.1:3000/api/chat?x=1')
    expect(upgradeUrl('/api/chat', 'example.com', true)).toBe('wss://example.com/api/chat')
    expect(upgradeUrl('/a', '[::1]:8080')).toBe('ws://[::1]:8080/a')
  })
  it('replaces a placeholder host on an absolute URL and keeps its scheme security', () => {
    expect(upgradeUrl('http://localhost/api/chat?x=1', '127.0.0.1:3000')).toBe('ws://127.0.0.1:3000/api/chat?x=1')
    expect(upgradeUrl('https://localhost/api', 'example.com')).toBe('wss://example.com/api')
    expect(upgradeUrl('http://localhost', 'example.com')).toBe('ws://example.com/')
  })
  it('leaves the URL alone when the Host header is missing or not a host', () => {
    expect(upgradeUrl('/api/chat', undefined)).toBe('/api/chat')
    expect(upgradeUrl('/api/chat', 'evil.com/../x')).toBe('/api/chat')
    expect(upgradeUrl('/api/chat', 'a b')).toBe('/api/chat')
    expect(upgradeUrl('http://localhost/a', 'x@y')).toBe('http://localhost/a')
  })
})
