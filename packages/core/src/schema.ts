import type { GenericSchema, GenericSchemaAsync, InferInput, InferOutput } from 'valibot'
import type { StandardInput, StandardOutput, StandardSchemaV1 } from './standard-schema.js'

/** Any valibot schema, sync or async. Validated with valibot itself (its issues carry expected/received). */
export type ValibotSchema = GenericSchema | GenericSchemaAsync

/** Any schema core accepts: valibot, or any Standard Schema v1 validator (zod 4, arktype, ...). */
export type AnySchema = ValibotSchema | StandardSchemaV1

// Valibot first: its own inference is what valibot users have always had.
/** What a handler receives after parsing: the schema's output, or `unknown` when there is none. */
export type OutputOf<S> = S extends ValibotSchema ? InferOutput<S> : S extends StandardSchemaV1 ? StandardOutput<S> : unknown

/** What a sender must provide: the schema's input, or `unknown` when there is none. */
export type InputOf<S> = S extends ValibotSchema ? InferInput<S> : S extends StandardSchemaV1 ? StandardInput<S> : unknown
