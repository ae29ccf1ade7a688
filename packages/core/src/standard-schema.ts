/**
 * The Standard Schema v1 interface (https://standardschema.dev), written out here because the spec
 * is types-only and core's one runtime dependency stays valibot. Any library that implements it
 * (zod 4, arktype, valibot itself, ...) can be a route's `input`, `output` or message schema.
 * Structural: a schema from another copy of these types is the same type.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The library's validator and metadata, under the name every Standard Schema library uses. */
  readonly '~standard': StandardSchemaProps<Input, Output>
}

/** The `~standard` property of a Standard Schema. */
export interface StandardSchemaProps<Input = unknown, Output = Input> {
  readonly version: 1
  readonly vendor: string
  /** May return a promise (async refinements); core awaits it in the connection's message order. */
  readonly validate: (
    value: unknown,
    options?: { readonly libraryOptions?: Record<string, unknown> | undefined } | undefined,
  ) => StandardResult<Output> | Promise<StandardResult<Output>>
  /** Type-only: what the schema accepts and what it produces. */
  readonly types?: { readonly input: Input; readonly output: Output } | undefined
}

export type StandardResult<Output> = { readonly value: Output; readonly issues?: undefined } | { readonly issues: readonly StandardIssue[] }

/** One validation failure. A path segment is a key, or an object carrying the key. */
export interface StandardIssue {
  readonly message: string
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined
}

/** The type a Standard Schema accepts. */
export type StandardInput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['input']

/** The type a Standard Schema produces. */
export type StandardOutput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['output']
