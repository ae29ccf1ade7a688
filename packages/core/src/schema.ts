import type { GenericSchema, GenericSchemaAsync, InferInput, InferOutput } from 'valibot'

/** Any valibot schema, sync or async. */
export type AnySchema = GenericSchema | GenericSchemaAsync

/** What a handler receives after parsing: the schema's output, or `unknown` when there is none. */
export type OutputOf<S> = S extends AnySchema ? InferOutput<S> : unknown

/** What a sender must provide: the schema's input, or `unknown` when there is none. */
export type InputOf<S> = S extends AnySchema ? InferInput<S> : unknown
