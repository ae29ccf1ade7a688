import type { JsonSchema } from '@valibot/to-json-schema'

type Schema = JsonSchema | boolean

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name)
}

function union(parts: string[]): string {
  const unique = [...new Set(parts)]
  if (unique.includes('unknown')) return 'unknown'
  return unique.length === 1 ? unique[0]! : unique.map((p) => (p.includes(' & ') ? `(${p})` : p)).join(' | ')
}

function objectType(schema: JsonSchema, indent: string): string {
  const required = new Set(schema.required ?? [])
  const inner = `${indent}  `
  const lines = Object.entries(schema.properties ?? {}).map(
    ([name, property]) => `${inner}${key(name)}${required.has(name) ? '' : '?'}: ${toTsType(property, inner)}`,
  )
  const additional = schema.additionalProperties
  if (additional !== undefined && additional !== false)
    lines.push(`${inner}[key: string]: ${additional === true ? 'unknown' : toTsType(additional, inner)}`)
  return lines.length === 0 ? (additional === false ? '{}' : 'Record<string, unknown>') : `{\n${lines.join('\n')}\n${indent}}`
}

/**
 * Prints the TypeScript type of a JSON Schema as @valibot/to-json-schema produces it (objects,
 * arrays, tuples, records, const/enum, anyOf/oneOf/allOf). Anything it cannot express is `unknown`.
 */
export function toTsType(schema: Schema, indent = ''): string {
  if (schema === true) return 'unknown'
  if (schema === false) return 'never'
  if (schema.const !== undefined) return JSON.stringify(schema.const)
  if (schema.enum) return union(schema.enum.map((value) => JSON.stringify(value)))
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives) return union(alternatives.map((s) => toTsType(s, indent)))
  if (schema.allOf) return schema.allOf.map((s) => toTsType(s, indent)).join(' & ')
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type]
  if (types.length === 0) return schema.properties ? objectType(schema, indent) : 'unknown'
  return union(
    types.map((type) => {
      switch (type) {
        case 'string':
          return 'string'
        case 'number':
        case 'integer':
          return 'number'
        case 'boolean':
          return 'boolean'
        case 'null':
          return 'null'
        case 'array':
          if (Array.isArray(schema.items)) return `[${schema.items.map((s) => toTsType(s, indent)).join(', ')}]`
          return schema.items === undefined ? 'unknown[]' : `Array<${toTsType(schema.items, indent)}>`
        case 'object':
          return objectType(schema, indent)
        default:
          return 'unknown'
      }
    }),
  )
}
