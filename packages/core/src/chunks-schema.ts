import type { AnySchema, InputOf, OutputOf } from './schema.js'
import type { StandardSchemaV1 } from './standard-schema.js'

/**
 * A streaming reply's schema: `output: chunks(schema)` makes a request answer with an async
 * iterable of chunks, each checked against `schema` (docs/requests.md#streaming-replies). It is a
 * Standard Schema of one chunk, so a request stays `{ input, output, handler }` and everything that
 * reads `output` (inference, validation, JSON Schema, AsyncAPI) sees the chunk type.
 */
export interface ChunksSchema<C extends AnySchema = AnySchema> extends StandardSchemaV1<InputOf<C>, OutputOf<C>> {
  /** The schema of one chunk. */
  readonly '~chunks': C
}

/**
 * Declares a streaming reply: the handler returns (or resolves to) an async iterable, and each
 * chunk it yields is validated against `schema` like a reply.
 * @example output: chunks(v.object({ tick: v.number() })), handler: async function* () { yield { tick: 1 } }
 */
export function chunks<const C extends AnySchema>(schema: C): ChunksSchema<C> {
  // Valibot (1.x) and every Standard Schema library implement `~standard`: one chunk is checked by the schema itself.
  const inner = (schema as StandardSchemaV1<InputOf<C>, OutputOf<C>>)['~standard']
  return { '~chunks': schema, '~standard': { version: 1, vendor: inner.vendor, validate: (value) => inner.validate(value) } }
}

/** True when `schema` came from `chunks()`: its request streams. */
export function isChunksSchema(schema: unknown): schema is ChunksSchema {
  return typeof schema === 'object' && schema !== null && '~chunks' in schema
}
