import { toJsonSchema, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema'
import type { GenericSchema } from 'valibot'

/** How unconvertible parts are handled: `'ignore'` (default) makes them `{}`, `'throw'` fails, `'warn'` logs. */
export type JsonSchemaErrorMode = NonNullable<ConversionConfig['errorMode']>

/** Standard JSON Schema (https://standardschema.dev): `~standard.jsonSchema.input/output`, types-only like Standard Schema. */
interface StandardJsonSchemaConverter {
  readonly input: (options: { readonly target: string }) => Record<string, unknown>
}

type Standard = { readonly vendor?: unknown; readonly jsonSchema?: Partial<StandardJsonSchemaConverter> }

/** The libraries' own converters, for versions from before Standard JSON Schema. */
type ZodLike = { toJSONSchema?: (params: Record<string, unknown>) => Record<string, unknown> }
type ArkLike = { toJsonSchema?: (options?: Record<string, unknown>) => Record<string, unknown> }

/** A schema JSON Schema cannot be made from: its library has no converter wsbridge knows. */
export class NoJsonSchemaConverterError extends Error {
  /** Always `'NoJsonSchemaConverterError'`, so it can be told apart without `instanceof`. */
  override readonly name = 'NoJsonSchemaConverterError'
}

function withoutDraft(schema: object): JsonSchema {
  const { $schema: _draft, ...json } = schema as Record<string, unknown>
  return json as JsonSchema
}

function own(schema: unknown, vendor: unknown, errorMode: JsonSchemaErrorMode): Record<string, unknown> | undefined {
  const lenient = errorMode !== 'throw'
  if (vendor === 'zod' && typeof (schema as ZodLike).toJSONSchema === 'function')
    return (schema as Required<ZodLike>).toJSONSchema({ io: 'input', target: 'draft-7', ...(lenient && { unrepresentable: 'any' }) })
  if (vendor === 'arktype' && typeof (schema as ArkLike).toJsonSchema === 'function')
    return (schema as Required<ArkLike>).toJsonSchema(lenient ? { fallback: (context: { base: unknown }) => context.base } : {})
  return undefined
}

/**
 * JSON Schema (draft-07) of what a sender passes (the schema's input type), through the schema's
 * own library: valibot with @valibot/to-json-schema (as always), any library implementing Standard
 * JSON Schema (zod 4, arktype) through it, else zod's `toJSONSchema` or arktype's `toJsonSchema`.
 * A schema none of these covers fails with a message naming `where` and the library.
 */
export function toWireJsonSchema(schema: unknown, where: string, errorMode: JsonSchemaErrorMode = 'ignore'): JsonSchema {
  const standard = (schema as { '~standard'?: Standard } | null)?.['~standard']
  const vendor = standard?.vendor
  if (vendor === 'valibot' || (standard === undefined && typeof (schema as { '~run'?: unknown } | null)?.['~run'] === 'function'))
    return withoutDraft(toJsonSchema(schema as GenericSchema, { typeMode: 'input', errorMode }))
  let failure: unknown
  if (typeof standard?.jsonSchema?.input === 'function') {
    try {
      return withoutDraft(standard.jsonSchema.input({ target: 'draft-07' }))
    } catch (error) {
      // A strict converter refuses unrepresentable parts; the library's own one may be told to keep going.
      if (errorMode === 'throw') throw new Error(`${where}: ${(error as Error).message}`, { cause: error })
      failure = error
    }
  }
  const converted = own(schema, vendor, errorMode)
  if (converted) return withoutDraft(converted)
  if (failure) throw new Error(`${where}: JSON Schema conversion failed: ${(failure as Error).message}`, { cause: failure })
  const library = typeof vendor === 'string' ? `a "${vendor}" schema` : 'a schema of unknown kind'
  throw new NoJsonSchemaConverterError(
    `${where} is ${library} with no JSON Schema converter: wsbridge converts valibot schemas, Standard JSON Schema (~standard.jsonSchema), zod 4 and arktype`,
  )
}
