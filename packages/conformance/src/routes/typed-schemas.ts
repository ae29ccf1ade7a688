import { type } from 'arktype'
import * as v from 'valibot'
import { z } from 'zod'

/**
 * The typed routes' schemas in each validator core accepts: valibot (its own parse) and two
 * Standard Schema libraries, zod 4 and arktype. The same protocol three times, so every typed case
 * proves the same frames, paths and order whatever the library.
 */
export const valibotSchemas = {
  output: v.variant('type', [
    v.object({ type: v.literal('joined'), roomId: v.string() }),
    v.object({ type: v.literal('said'), text: v.string(), tags: v.array(v.string()) }),
    v.object({ type: v.literal('merged'), polluted: v.boolean(), keys: v.array(v.string()) }),
    v.object({ type: v.literal('count'), n: v.number() }),
  ]),
  join: v.object({ roomId: v.pipe(v.string(), v.minLength(1)) }),
  say: v.object({ text: v.string(), meta: v.object({ tags: v.array(v.string()) }) }),
  merge: v.looseObject({}),
  buggy: v.object({}),
  input: v.object({ text: v.string(), items: v.array(v.object({ qty: v.number() })) }),
}

export const zodSchemas = {
  output: z.discriminatedUnion('type', [
    z.object({ type: z.literal('joined'), roomId: z.string() }),
    z.object({ type: z.literal('said'), text: z.string(), tags: z.array(z.string()) }),
    z.object({ type: z.literal('merged'), polluted: z.boolean(), keys: z.array(z.string()) }),
    z.object({ type: z.literal('count'), n: z.number() }),
  ]),
  join: z.object({ roomId: z.string().min(1) }),
  say: z.object({ text: z.string(), meta: z.object({ tags: z.array(z.string()) }) }),
  merge: z.looseObject({}),
  buggy: z.object({}),
  input: z.object({ text: z.string(), items: z.array(z.object({ qty: z.number() })) }),
}

export const arktypeSchemas = {
  output: type({ type: "'joined'", roomId: 'string' })
    .or({ type: "'said'", text: 'string', tags: 'string[]' })
    .or({ type: "'merged'", polluted: 'boolean', keys: 'string[]' })
    .or({ type: "'count'", n: 'number' }),
  join: type({ roomId: 'string > 0' }),
  say: type({ text: 'string', meta: { tags: 'string[]' } }),
  // arktype keeps undeclared keys by default: `{}` is already loose.
  merge: type({}),
  buggy: type({}),
  input: type({ text: 'string', items: type({ qty: 'number' }).array() }),
}

export type TypedSchemas = typeof valibotSchemas | typeof zodSchemas | typeof arktypeSchemas

/** Each library, by the path segment its typed routes live under (`/typed`, `/typed-zod`, `/typed-arktype`). */
export const typedLibraries = [
  { library: 'valibot', base: '/typed', key: 'typed', schemas: valibotSchemas },
  { library: 'zod', base: '/typed-zod', key: 'typedZod', schemas: zodSchemas },
  { library: 'arktype', base: '/typed-arktype', key: 'typedArktype', schemas: arktypeSchemas },
] as const satisfies readonly { library: string; base: string; key: string; schemas: TypedSchemas }[]
