import { type } from 'arktype'
import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { StandardSchemaV1 } from '../src/index.js'
import { validate } from '../src/validation.js'

type Segment = PropertyKey | { readonly key: PropertyKey }

/** A hand-written Standard Schema that fails with the given issues: the spec's whole surface, no library. */
function failing(issues: readonly { message: string; path?: readonly Segment[] | undefined }[], async = false): StandardSchemaV1 {
  const result = { issues }
  return { '~standard': { version: 1, vendor: 'test', validate: () => (async ? Promise.resolve(result) : result) } }
}

const key = fc.oneof(
  fc.string(),
  fc.nat(),
  fc.string().map((name) => Symbol(name)),
)
const segment: fc.Arbitrary<Segment> = fc.oneof(
  key,
  key.map((k) => ({ key: k })),
)
const wire = (k: PropertyKey): string | number => (typeof k === 'symbol' ? String(k) : k)

describe('validate with Standard Schema validators', () => {
  it('normalises any issue path (keys or {key} segments, symbols named) to strings and numbers that survive JSON', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ message: fc.string(), path: fc.option(fc.array(segment), { nil: undefined }) })), (issues) => {
        const result = validate(failing(issues), {})
        if (result instanceof Promise || result.ok) throw new Error('expected a sync failure')
        const expected = issues.map(({ message, path }) => {
          const keys = path?.map((s) => wire(typeof s === 'object' ? s.key : s))
          return keys && keys.length > 0 ? { message, path: keys } : { message }
        })
        expect(result.error.issues).toEqual(expected)
        expect(JSON.parse(JSON.stringify(result.error.issues))).toEqual(expected)
      }),
    )
  })

  it('awaits a validator that answers with a promise, and uses the code it is given', async () => {
    const pending = validate(failing([{ message: 'no', path: [{ key: 'a' }, 0] }], true), {}, 'OUTPUT_VALIDATION_FAILED')
    expect(pending).toBeInstanceOf(Promise)
    const result = await pending
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('OUTPUT_VALIDATION_FAILED')
      expect(result.error.issues).toEqual([{ message: 'no', path: ['a', 0] }])
    }
  })

  it('stays synchronous for sync zod and arktype schemas and returns their parsed output', () => {
    expect(validate(z.object({ n: z.string().transform(Number) }), { n: '4', extra: 1 })).toEqual({ ok: true, value: { n: 4 } })
    expect(validate(type({ n: 'string.numeric.parse' }), { n: '4' })).toEqual({ ok: true, value: { n: 4 } })
  })

  it('gives the same paths for the same failure in valibot, zod and arktype; valibot keeps expected/received', () => {
    const value = { user: { tags: ['a', 2] } }
    const schemas = [
      v.object({ user: v.object({ tags: v.array(v.string()) }) }),
      z.object({ user: z.object({ tags: z.array(z.string()) }) }),
      type({ user: { tags: 'string[]' } }),
    ]
    const issues = schemas.map((schema) => {
      const result = validate(schema, value)
      if (result instanceof Promise || result.ok) throw new Error('expected a sync failure')
      return result.error.issues
    })
    for (const list of issues) expect(list?.map((issue) => issue.path)).toEqual([['user', 'tags', 1]])
    expect(issues[0]?.[0]).toMatchObject({ expected: 'string', received: '2' })
    expect(issues[1]?.[0]).not.toHaveProperty('expected')
  })
})
