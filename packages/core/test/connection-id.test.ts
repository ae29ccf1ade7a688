import { describe, expect, it } from 'vitest'
import { createConnectionId } from '../src/connection-id.js'
import { compilePath } from '../src/path.js'

describe('createConnectionId', () => {
  it('is a random version 4 UUID, unique across many calls', () => {
    const ids = Array.from({ length: 2000 }, createConnectionId)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe('path parameters', () => {
  it('refuses names that could reach the prototype of the params object', () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) expect(() => compilePath(`/rooms/:${name}`)).toThrow(/reserved/)
    expect(() => compilePath('/rooms/:roomId')).not.toThrow()
  })
})
