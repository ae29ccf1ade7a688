import * as fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { WsError } from '../src/index.js'
import { validate } from '../src/validation.js'

describe('validate', () => {
  it('stays synchronous for sync schemas and returns the parsed output', () => {
    const result = validate(v.object({ n: v.pipe(v.string(), v.transform(Number)) }), { n: '4', extra: true })
    expect(result).not.toBeInstanceOf(Promise)
    expect(result).toEqual({ ok: true, value: { n: 4 } })
  })

  it('returns a promise for async schemas', async () => {
    const schema = v.pipeAsync(
      v.string(),
      v.checkAsync(async (s) => s.length > 2, 'too short'),
    )
    const pending = validate(schema, 'ab')
    expect(pending).toBeInstanceOf(Promise)
    const result = await pending
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.issues).toEqual([{ message: 'too short', expected: null, received: '"ab"' }])
    expect(await validate(schema, 'abc')).toEqual({ ok: true, value: 'abc' })
  })

  it('maps every valibot issue to a wire-safe issue with its path', () => {
    const schema = v.object({ user: v.object({ tags: v.array(v.string()), age: v.number() }) })
    const result = validate(schema, { user: { tags: ['a', 2], age: 'x' } })
    expect(result).toMatchObject({ ok: false })
    if (result instanceof Promise || result.ok) throw new Error('expected a sync failure')
    expect(result.error).toBeInstanceOf(WsError)
    expect(result.error.code).toBe('VALIDATION_FAILED')
    expect(result.error.issues).toEqual([
      { message: 'Invalid type: Expected string but received 2', path: ['user', 'tags', 1], expected: 'string', received: '2' },
      { message: 'Invalid type: Expected number but received "x"', path: ['user', 'age'], expected: 'number', received: '"x"' },
    ])
    // Issues are plain data: they survive JSON, no valibot internals (schema objects, input) ride along.
    expect(JSON.parse(JSON.stringify(result.error.issues))).toEqual(result.error.issues)
  })

  it('omits the path for root-level issues and never throws', () => {
    const result = validate(v.string(), 42)
    if (result instanceof Promise || result.ok) throw new Error('expected a sync failure')
    expect(result.error.issues?.[0]).not.toHaveProperty('path')
    expect(() => validate(v.object({}), undefined)).not.toThrow()
  })

  it('uses the given error code', () => {
    const result = validate(v.number(), 'x', 'OUTPUT_VALIDATION_FAILED')
    if (result instanceof Promise || result.ok) throw new Error('expected a sync failure')
    expect(result.error.code).toBe('OUTPUT_VALIDATION_FAILED')
  })

  it('v.unknown() and v.any() accept any value as valibot would, and a pipe on them still runs', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        for (const schema of [v.unknown(), v.any()]) {
          const result = validate(schema, value)
          const parsed = v.safeParse(schema, value)
          expect(result).toEqual({ ok: true, value })
          // The same value, not a copy: what valibot's own parse gives back.
          if (!(result instanceof Promise) && result.ok) expect(result.value).toBe(parsed.output)
        }
      }),
    )
    const piped = v.pipe(
      v.unknown(),
      v.check((value) => typeof value === 'number', 'not a number'),
    )
    expect(validate(piped, 1)).toEqual({ ok: true, value: 1 })
    expect(validate(piped, 'x')).toMatchObject({ ok: false, error: { issues: [{ message: 'not a number' }] } })
  })
})
