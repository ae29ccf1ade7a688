import { safeParse, safeParseAsync, type BaseIssue } from 'valibot'
import { WsError, type WsErrorCode, type WsIssue } from './errors.js'
import type { AnySchema, ValibotSchema } from './schema.js'
import type { StandardIssue, StandardResult, StandardSchemaProps } from './standard-schema.js'

export type ValidationResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: WsError }

/** One schema's check, chosen once per schema: sync schemas answer sync, async ones with a promise. */
export type Validator = (value: unknown, code: WsErrorCode) => ValidationResult | Promise<ValidationResult>

// Issue paths reach clients as strings and numbers whatever the library: a symbol key is named.
const pathKey = (key: unknown): string | number => (typeof key === 'number' || typeof key === 'string' ? key : String(key))

function fail(code: WsErrorCode, issues: WsIssue[]): ValidationResult {
  return { ok: false, error: new WsError(code, undefined, { issues }) }
}

function fromValibotIssue(issue: BaseIssue<unknown>): WsIssue {
  const path = issue.path?.map((item) => pathKey(item.key))
  return {
    message: issue.message,
    ...(path && path.length > 0 ? { path } : {}),
    expected: issue.expected,
    received: issue.received,
  }
}

function fromValibot(
  result: { success: boolean; output: unknown; issues?: readonly BaseIssue<unknown>[] | undefined },
  code: WsErrorCode,
): ValidationResult {
  if (result.success) return { ok: true, value: result.output }
  return fail(code, (result.issues ?? []).map(fromValibotIssue))
}

// Standard Schema has no expected/received: message and path are what every library gives.
// Array.from, not path.map: a library's path may be an Array subclass (arktype's carries a cache), and
// map would copy its class into the issue.
function fromStandardIssue(issue: StandardIssue): WsIssue {
  const path =
    issue.path && Array.from(issue.path, (segment) => pathKey(typeof segment === 'object' && segment !== null ? segment.key : segment))
  return { message: issue.message, ...(path && path.length > 0 ? { path } : {}) }
}

function fromStandard(result: StandardResult<unknown>, code: WsErrorCode): ValidationResult {
  if (result.issues === undefined) return { ok: true, value: result.value }
  return fail(code, result.issues.map(fromStandardIssue))
}

// What `v.unknown()` and `v.any()` give back: the value itself, always typed.
const accepted: Validator = (value) => ({ ok: true, value })

function valibotValidator(schema: ValibotSchema): Validator {
  // `v.unknown()` and `v.any()` without a pipe accept every value as it is (their `~run` only marks
  // it typed): skipping valibot's parse spares a dataset, a config and a result object per check,
  // twice per request for a request left unvalidated (`input: v.unknown(), output: v.unknown()`).
  if ((schema.type === 'unknown' || schema.type === 'any') && !('pipe' in schema)) return accepted
  if (schema.async) return (value, code) => safeParseAsync(schema, value).then((result) => fromValibot(result, code))
  return (value, code) => fromValibot(safeParse(schema, value), code)
}

function standardValidator(props: StandardSchemaProps): Validator {
  return (value, code) => {
    const result = props.validate(value)
    // A thenable from another realm or a promise library is still awaited, as a real promise.
    if (typeof (result as Partial<PromiseLike<unknown>>).then === 'function')
      return Promise.resolve(result).then((settled) => fromStandard(settled, code))
    return fromStandard(result as StandardResult<unknown>, code)
  }
}

/** Which kind of schema `schema` is, or undefined when it is neither valibot nor Standard Schema v1. */
function compile(schema: unknown): Validator | undefined {
  if ((typeof schema !== 'object' && typeof schema !== 'function') || schema === null) return undefined
  const props = (schema as { '~standard'?: Partial<StandardSchemaProps> })['~standard']
  const run = (schema as { '~run'?: unknown })['~run']
  // valibot implements Standard Schema too, but its own parse keeps expected/received in issues.
  if (typeof run === 'function' && (props === undefined || props.vendor === 'valibot')) return valibotValidator(schema as ValibotSchema)
  if (props?.version === 1 && typeof props.validate === 'function') return standardValidator(props as StandardSchemaProps)
  return undefined
}

const validators = new WeakMap<object, Validator>()

/**
 * The validator for `schema`, detected once and kept: routes call it at registration (so a value
 * that is no schema fails there, naming `where`), messages reuse it.
 */
export function validatorFor(schema: AnySchema, where = 'schema'): Validator {
  let validator = validators.get(schema)
  if (validator) return validator
  validator = compile(schema)
  if (!validator) throw new TypeError(`[wsbridge] ${where} is neither a valibot schema nor a Standard Schema v1 validator`)
  validators.set(schema, validator)
  return validator
}

/**
 * Validates with the schema's own library, never throwing for invalid data. Sync schemas stay sync
 * (no promise per message); async schemas, and Standard Schema validators that answer with a
 * promise, return a promise, which dispatch queues so a connection's messages keep their order.
 */
export function validate(
  schema: AnySchema,
  value: unknown,
  code: WsErrorCode = 'VALIDATION_FAILED',
): ValidationResult | Promise<ValidationResult> {
  return (validators.get(schema) ?? validatorFor(schema))(value, code)
}
